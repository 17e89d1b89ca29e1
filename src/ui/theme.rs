//! Every number of the look: colours (a calm palette and a high-contrast variant), text sizes,
//! spacing and widths. Views take their values from here and nowhere else.

use iced::theme::Palette;
use iced::widget::{button as iced_button, container, text as iced_text};
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
    /// Padding around the busy exam screens.
    pub const EDGE_SMALL: f32 = 16.0;
    /// Task text (stems, options): larger than ordinary text, read for hours.
    pub const TASK: f32 = 24.0;
    /// The exam clock.
    pub const CLOCK: f32 = 34.0;
    /// The break countdown.
    pub const BIG_CLOCK: f32 = 72.0;
    /// Inner padding of small buttons (tabs, navigator cells).
    pub const PAD_SMALL: f32 = 8.0;
    /// Space between navigator cells.
    pub const GAP_TINY: f32 = 4.0;
    /// Opacity of the text of a button that cannot be pressed now.
    pub const DISABLED_ALPHA: f32 = 0.55;
    /// Width of a navigator cell.
    pub const NAV_CELL: f32 = 48.0;
    /// Navigator cells per row.
    pub const NAV_COLUMNS: usize = 5;
    /// Width of the appeal navigator column.
    pub const NAV_WIDTH: f32 = 280.0;
    /// Height of the text editors (technical appeal, justification).
    pub const EDITOR_HEIGHT: f32 = 160.0;
    /// Longest line of running text.
    pub const READING_WIDTH: f32 = 900.0;
    /// Width of figures in tasks.
    pub const FIGURE_WIDTH: f32 = 420.0;
    /// A narrow column of the analysis card.
    pub const CARD_COL: f32 = 90.0;
    /// The answer column of the analysis card.
    pub const CARD_WIDE: f32 = 150.0;
    /// Corner radius of panels and navigator cells.
    pub const RADIUS: f32 = 6.0;
    /// Border of the current navigator cell and selected panels.
    pub const BORDER: f32 = 3.0;
    /// The interface's scale when a proctor turns zoom on for a candidate.
    pub const ZOOM: f32 = 1.25;
    /// The calculator's result line.
    pub const CALC_RESULT: f32 = 24.0;
    /// Space around a calculator key's label.
    pub const CALC_KEY_PAD: f32 = 6.0;
    /// The column beside the task, the navigator's or the calculator's: one width, so that
    /// opening the calculator leaves the task where it was (nothing else to redraw).
    pub const SIDE_WIDTH: f32 = 300.0;
    /// A line of text, relative to its size (iced's default).
    pub const LINE: f32 = 1.3;
    /// Lines of task text the line reader's band shows.
    pub const READER_LINES: f32 = 3.0;
    /// How dark the line reader makes what is outside its band (alpha of black).
    pub const READER_DIM: f32 = 0.55;
    /// A periodic table cell's height.
    pub const PERIODIC_CELL: f32 = 42.0;
    /// Space between periodic table cells.
    pub const PERIODIC_GAP: f32 = 2.0;
    /// A cell's number and mass.
    pub const PERIODIC_SMALL: f32 = 11.0;
    /// A cell's symbol.
    pub const PERIODIC_SYMBOL: f32 = 16.0;
    /// The detail panel's symbol.
    pub const PERIODIC_BIG: f32 = 34.0;
    /// The detail panel's facts and the legend.
    pub const PERIODIC_FACT: f32 = 15.0;
    /// A legend swatch's side.
    pub const PERIODIC_SWATCH: f32 = 14.0;
    /// A cell's line height, relative to its text size.
    pub const PERIODIC_LINE: f32 = 1.1;
    /// A cell's corner.
    pub const PERIODIC_RADIUS: f32 = 3.0;
    /// A solubility cell's height.
    pub const SALT_CELL: f32 = 26.0;
    /// A solubility cell's letter and the ion labels.
    pub const SALT_TEXT: f32 = 15.0;
    /// The anion label column's width.
    pub const SALT_LABEL: f32 = 90.0;
    /// A legend swatch's width.
    pub const SALT_SWATCH: f32 = 28.0;
    /// How much darker the crosshair's cells are.
    pub const SALT_SHADE: f32 = 0.85;
    /// The periodic table's search field.
    pub const PERIODIC_SEARCH: f32 = 320.0;
}

pub mod tools;

/// Styles of panels and navigator cells, built from the palette so the high-contrast variant
/// follows.
mod style {
    use iced::widget::{button, container};
    use iced::{Background, Border, Color, Theme};

    use super::metrics;

    /// A quiet panel (stimulus, dialogs, card blocks).
    pub fn panel(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(palette.background.weak.color)),
            border: Border {
                radius: metrics::RADIUS.into(),
                width: 1.0,
                color: palette.background.strong.color,
            },
            ..container::Style::default()
        }
    }

    /// What the line reader darkens: black at `READER_DIM`.
    pub fn dim(_theme: &Theme) -> container::Style {
        container::Style {
            background: Some(Background::Color(Color {
                a: metrics::READER_DIM,
                ..Color::BLACK
            })),
            ..container::Style::default()
        }
    }

    /// The line reader's band: clear, with a frame in the primary colour.
    pub fn band(theme: &Theme) -> container::Style {
        container::Style {
            border: Border {
                radius: metrics::RADIUS.into(),
                width: metrics::BORDER,
                color: theme.extended_palette().primary.strong.color,
            },
            ..container::Style::default()
        }
    }

    /// A panel that has the keyboard's attention (the selected matching row).
    pub fn selected(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            border: Border {
                radius: metrics::RADIUS.into(),
                width: metrics::BORDER,
                color: palette.primary.strong.color,
            },
            ..panel(theme)
        }
    }

    fn cell(background: Color, text: Color, border: Color, width: f32) -> button::Style {
        button::Style {
            background: Some(Background::Color(background)),
            text_color: text,
            border: Border {
                radius: metrics::RADIUS.into(),
                width,
                color: border,
            },
            ..button::Style::default()
        }
    }

    /// A quiet button: options not chosen, tabs not on show, navigation. Light, with a border,
    /// darker when hovered; greyed when disabled.
    pub fn quiet(theme: &Theme, status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        match status {
            button::Status::Hovered | button::Status::Pressed => cell(
                p.background.weak.color,
                p.background.base.text,
                p.primary.base.color,
                1.0,
            ),
            button::Status::Disabled => cell(
                p.background.base.color,
                p.background.base.text.scale_alpha(metrics::DISABLED_ALPHA),
                p.background.weak.color,
                1.0,
            ),
            button::Status::Active => cell(
                p.background.base.color,
                p.background.base.text,
                p.background.strong.color,
                1.0,
            ),
        }
    }

    /// An option struck out: a quiet button with faded text.
    pub fn struck(theme: &Theme, status: button::Status) -> button::Style {
        let style = quiet(theme, status);
        button::Style {
            text_color: style.text_color.scale_alpha(metrics::DISABLED_ALPHA),
            ..style
        }
    }

    /// An answered task.
    pub fn nav_answered(theme: &Theme, _status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        cell(
            p.primary.base.color,
            p.primary.base.text,
            p.primary.strong.color,
            1.0,
        )
    }

    /// An unanswered task.
    pub fn nav_open(theme: &Theme, _status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        cell(
            p.background.base.color,
            p.background.base.text,
            p.background.strong.color,
            1.0,
        )
    }

    /// A task marked for review.
    pub fn nav_marked(theme: &Theme, _status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        cell(
            p.warning.base.color,
            p.warning.base.text,
            p.warning.strong.color,
            1.0,
        )
    }

    /// The task on screen, answered: the answered fill with the on-screen border.
    pub fn nav_current_answered(theme: &Theme, _status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        cell(
            p.primary.base.color,
            p.primary.base.text,
            p.success.strong.color,
            metrics::BORDER,
        )
    }

    /// The task on screen.
    pub fn nav_current(theme: &Theme, _status: button::Status) -> button::Style {
        let p = theme.extended_palette();
        cell(
            p.background.base.color,
            p.background.base.text,
            p.success.strong.color,
            metrics::BORDER,
        )
    }
}

/// The bold face of the bundled font.
pub fn bold() -> Font {
    Font {
        weight: font::Weight::Bold,
        ..Font::with_name(crate::ui::FONT_NAME)
    }
}

/// How a button looks, chosen by the state it shows (never by an `if` at the call site).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The screen's main way on.
    Primary,
    /// Go ahead: start, back to the test.
    Success,
    /// Cannot be undone: finish.
    Danger,
    /// Secondary: navigation, cancel, withdraw.
    Quiet,
    /// One of several choices (an option, a tab, a ground, a language): the chosen one stands out.
    Choice {
        /// Whether it is the chosen one.
        selected: bool,
    },
    /// An option the candidate struck out: faded.
    Struck,
    /// A navigator cell.
    Cell(Cell),
}

/// How a navigator cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Not answered.
    Open,
    /// Answered.
    Answered,
    /// Marked for review (in the appeal: appealed).
    Marked,
    /// The task on screen.
    Current {
        /// Whether it is answered.
        answered: bool,
    },
}

impl Cell {
    /// The cell for a task: on screen, marked, answered, in that order of precedence.
    pub fn of(current: bool, marked: bool, answered: bool) -> Cell {
        match (current, marked, answered) {
            (true, _, answered) => Cell::Current { answered },
            (false, true, _) => Cell::Marked,
            (false, false, true) => Cell::Answered,
            (false, false, false) => Cell::Open,
        }
    }
}

/// How a panel looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// A quiet panel.
    Plain,
    /// A panel with the keyboard's attention.
    Selected,
    /// What the line reader darkens.
    Dim,
    /// The line reader's band: clear, framed.
    Band,
}

impl Panel {
    /// The selected panel when `selected`, else the plain one.
    pub fn selected(selected: bool) -> Panel {
        if selected {
            Panel::Selected
        } else {
            Panel::Plain
        }
    }
}

/// How a line of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Ordinary text.
    Plain,
    /// A good outcome (a minimum met, points scored, an appeal filed).
    Good,
    /// A problem (an invalid IIN, a minimum missed).
    Bad,
    /// Wait or hurry (saving, little time left).
    Warning,
}

impl Text {
    /// Good when `good`, else plain.
    pub fn good_if(good: bool) -> Text {
        if good { Text::Good } else { Text::Plain }
    }

    /// Good when `good`, else bad.
    pub fn verdict(good: bool) -> Text {
        if good { Text::Good } else { Text::Bad }
    }

    /// Bad when `bad`, else plain.
    pub fn bad_if(bad: bool) -> Text {
        if bad { Text::Bad } else { Text::Plain }
    }
}

/// The style function for a button look.
pub fn button(look: Button) -> impl Fn(&Theme, iced_button::Status) -> iced_button::Style + Copy {
    move |theme, status| match look {
        Button::Primary | Button::Choice { selected: true } => iced_button::primary(theme, status),
        Button::Success => iced_button::success(theme, status),
        Button::Danger => iced_button::danger(theme, status),
        Button::Quiet | Button::Choice { selected: false } => style::quiet(theme, status),
        Button::Struck => style::struck(theme, status),
        Button::Cell(Cell::Open) => style::nav_open(theme, status),
        Button::Cell(Cell::Answered) => style::nav_answered(theme, status),
        Button::Cell(Cell::Marked) => style::nav_marked(theme, status),
        Button::Cell(Cell::Current { answered: false }) => style::nav_current(theme, status),
        Button::Cell(Cell::Current { answered: true }) => {
            style::nav_current_answered(theme, status)
        }
    }
}

/// The style function for a panel look.
pub fn panel(look: Panel) -> impl Fn(&Theme) -> container::Style + Copy {
    move |theme| match look {
        Panel::Plain => style::panel(theme),
        Panel::Selected => style::selected(theme),
        Panel::Dim => style::dim(theme),
        Panel::Band => style::band(theme),
    }
}

/// The style function for a text look.
pub fn text(look: Text) -> impl Fn(&Theme) -> iced_text::Style + Copy {
    move |theme| match look {
        Text::Plain => iced_text::default(theme),
        Text::Good => iced_text::success(theme),
        Text::Bad => iced_text::danger(theme),
        Text::Warning => iced_text::warning(theme),
    }
}
