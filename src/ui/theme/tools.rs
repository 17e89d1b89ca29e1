//! The tools' colours: the periodic table's families and the solubility table's letters, in
//! pale fills that keep black text readable; the borders follow the palette, so the
//! high-contrast variant draws them in black.

use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme};

use super::metrics;
use crate::ui::tool::periodic::Category;
use crate::ui::tool::solubility::Solubility;

/// The fill of a family's cells.
pub fn family(category: Category) -> Color {
    match category {
        Category::Alkali => Color::from_rgb(0.98, 0.68, 0.64),
        Category::AlkalineEarth => Color::from_rgb(1.0, 0.85, 0.62),
        Category::Transition => Color::from_rgb(0.96, 0.80, 0.88),
        Category::PostTransition => Color::from_rgb(0.82, 0.82, 0.82),
        Category::Metalloid => Color::from_rgb(0.82, 0.84, 0.62),
        Category::Nonmetal => Color::from_rgb(0.72, 0.92, 0.72),
        Category::Halogen => Color::from_rgb(1.0, 0.97, 0.62),
        Category::NobleGas => Color::from_rgb(0.74, 0.88, 1.0),
        Category::Lanthanide => Color::from_rgb(0.86, 0.80, 0.98),
        Category::Actinide => Color::from_rgb(0.96, 0.74, 0.96),
    }
}

/// A periodic table cell: its family's fill, black text, a thick frame when it is shown.
pub fn element(
    category: Category,
    selected: bool,
) -> impl Fn(&Theme, button::Status) -> button::Style + Copy {
    move |theme, status| {
        let p = theme.extended_palette();
        let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
        let (width, color) = if selected {
            (metrics::BORDER, p.primary.strong.color)
        } else if hovered {
            (metrics::BORDER, p.background.strong.text)
        } else {
            (1.0, p.background.strong.color)
        };
        button::Style {
            background: Some(Background::Color(family(category))),
            text_color: Color::BLACK,
            border: Border {
                radius: metrics::PERIODIC_RADIUS.into(),
                width,
                color,
            },
            ..button::Style::default()
        }
    }
}

/// A legend's colour swatch.
pub fn swatch(category: Category) -> impl Fn(&Theme) -> container::Style + Copy {
    move |theme| container::Style {
        background: Some(Background::Color(family(category))),
        border: Border {
            radius: metrics::PERIODIC_RADIUS.into(),
            width: 1.0,
            color: theme.extended_palette().background.strong.text,
        },
        ..container::Style::default()
    }
}

/// Where a solubility cell stands to the crosshair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cross {
    /// Away from it.
    Off,
    /// In the focused cell's row or column.
    Line,
    /// The focused cell.
    Focus,
}

/// The fill of a solubility letter.
pub fn solubility(value: Solubility) -> Color {
    match value {
        Solubility::Soluble => Color::from_rgb(0.76, 0.92, 0.76),
        Solubility::Slightly => Color::from_rgb(1.0, 0.93, 0.66),
        Solubility::Insoluble => Color::from_rgb(0.98, 0.74, 0.72),
        Solubility::None => Color::from_rgb(0.86, 0.86, 0.86),
    }
}

/// A solubility cell: its letter's fill, darker on the crosshair, framed when focused.
pub fn salt(value: Solubility, cross: Cross) -> impl Fn(&Theme) -> container::Style + Copy {
    move |theme| {
        let p = theme.extended_palette();
        let fill = solubility(value);
        let (fill, width, color) = match cross {
            Cross::Off => (fill, 1.0, p.background.strong.color),
            Cross::Line => (
                Color::from_rgb(
                    fill.r * metrics::SALT_SHADE,
                    fill.g * metrics::SALT_SHADE,
                    fill.b * metrics::SALT_SHADE,
                ),
                1.0,
                p.background.strong.text,
            ),
            Cross::Focus => (fill, metrics::BORDER, p.primary.strong.color),
        };
        container::Style {
            background: Some(Background::Color(fill)),
            text_color: Some(Color::BLACK),
            border: Border {
                radius: metrics::PERIODIC_RADIUS.into(),
                width,
                color,
            },
            ..container::Style::default()
        }
    }
}
