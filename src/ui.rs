//! The candidate app on iced: the top-level app, its screens and the look. The GUI never touches
//! the disk or the network itself.

pub mod app;
pub mod autopilot;
pub mod errors;
pub mod keys;
pub mod monitors;
pub mod parts;
pub mod screen;
pub mod theme;
pub mod tool;
pub mod widget;

pub use app::App;

use crate::journal::Writer;
use crate::station::{Config, Start};

/// The bundled interface font (Noto Sans, SIL OFL 1.1): every Kazakh letter, the same on every
/// station.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Its bold face.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// The font family name to use as default.
pub const FONT_NAME: &str = "Noto Sans";

/// Runs the station window until it is closed by the program (never by the candidate).
pub fn run(config: Config, writer: Writer, start: Start) -> iced::Result {
    let boot = move || App::new(config.clone(), writer.clone(), start.clone());
    window(iced::application(boot, App::update, App::view))
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .scale_factor(App::scale_factor)
        .run()
}

/// The station's fonts and its kiosk window, for the app and the programs around it.
pub fn window<P: iced::Program>(app: iced::Application<P>) -> iced::Application<P> {
    app.font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(iced::Font::with_name(FONT_NAME))
        .window(app::kiosk_window())
}
