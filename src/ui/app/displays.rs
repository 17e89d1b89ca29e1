//! Watching for a second display during a test: every few seconds the X server is asked how many
//! monitors it drives (`RandR`), and a change arrives as `Message::Displays`. A session then is
//! held as for a focus loss. On Wayland and Windows there is no such question to ask from here:
//! the readiness check counts the displays at start (`ustudy-station check`), and the OS kiosk
//! fixes the layout.

use std::time::Duration;

use iced::Subscription;
use iced::futures::Stream;

use super::Message;

/// How often the monitors are counted.
const EVERY: Duration = Duration::from_secs(3);

fn stream(_: &&'static str) -> impl Stream<Item = Message> + use<> {
    iced::stream::channel(4, async move |mut output| {
        let mut last = None;
        loop {
            let now = tokio::task::spawn_blocking(|| crate::ui::monitors::count(None))
                .await
                .ok()
                .flatten();
            if now.is_some() && now != last {
                last = now;
                let _ = output.try_send(Message::Displays(now.unwrap_or(1)));
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

/// The watch, for as long as the window runs.
pub fn subscription() -> Subscription<Message> {
    Subscription::run_with("displays", stream)
}
