//! The candidate app on iced: the top-level app, its screens and the look. The GUI never touches
//! the disk or the network itself.

pub mod app;
pub mod autopilot;
pub mod errors;
pub mod keys;
pub mod parts;
pub mod screen;
pub mod theme;

pub use app::App;

/// The bundled interface font (Noto Sans, SIL OFL 1.1): every Kazakh letter, the same on every
/// station.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Its bold face.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// The font family name to use as default.
pub const FONT_NAME: &str = "Noto Sans";

/// Runs the station window until it is closed by the program (never by the candidate).
pub fn run(config: app::Config, writer: crate::journal::Writer, start: app::Start) -> iced::Result {
    let boot = move || App::new(config.clone(), writer.clone(), start.clone());
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(iced::Font::with_name(FONT_NAME))
        .window(app::kiosk_window())
        .run()
}
