//! Every number of the look: colours (a calm palette and a high-contrast variant), text sizes,
//! spacing and widths. Views take their values from here and nowhere else.

use iced::theme::Palette;
use iced::{Color, Font, Theme, font};

/// Colours of the calm, high-legibility palette.
pub const CALM: Palette = Palette {
    background: Color::from_rgb(0.97, 0.97, 0.95),
    text: Color::from_rgb(0.11, 0.13, 0.16),
    primary: Color::from_rgb(0.09, 0.33, 0.56),
    success: Color::from_rgb(0.13, 0.48, 0.25),
    warning: Color::from_rgb(0.70, 0.45, 0.05),
    danger: Color::from_rgb(0.69, 0.15, 0.15),
};

/// The high-contrast variant.
pub const HIGH_CONTRAST: Palette = Palette {
    background: Color::WHITE,
    text: Color::BLACK,
    primary: Color::from_rgb(0.0, 0.2, 0.6),
    success: Color::from_rgb(0.0, 0.4, 0.1),
    warning: Color::from_rgb(0.55, 0.3, 0.0),
    danger: Color::from_rgb(0.6, 0.0, 0.0),
};

/// The iced theme for a palette choice.
pub fn theme(high_contrast: bool) -> Theme {
    if high_contrast {
        Theme::custom("U-STUDY high contrast", HIGH_CONTRAST)
    } else {
        Theme::custom("U-STUDY", CALM)
    }
}

/// Sizes and spacing.
pub mod metrics {
    /// Screen titles.
    pub const TITLE: f32 = 40.0;
    /// Ordinary text.
    pub const TEXT: f32 = 22.0;
    /// Secondary lines.
    pub const SMALL: f32 = 18.0;
    /// Text in inputs (IIN and PIN are read digit by digit).
    pub const INPUT: f32 = 30.0;
    /// Space between blocks of a screen.
    pub const GAP: f32 = 24.0;
    /// Space between small items.
    pub const GAP_SMALL: f32 = 10.0;
    /// Inner padding of inputs and buttons.
    pub const PAD: f32 = 14.0;
    /// Width of the central form column.
    pub const FORM_WIDTH: f32 = 560.0;
    /// Padding around the screen edge.
    pub const EDGE: f32 = 32.0;
}

/// The bold face of the bundled font.
pub fn bold() -> Font {
    Font {
        weight: font::Weight::Bold,
        ..Font::with_name(crate::ui::FONT_NAME)
    }
}
