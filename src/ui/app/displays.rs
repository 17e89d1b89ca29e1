//! Watching for a second display during a test: every few seconds the monitors are counted, and a
//! change arrives as `Message::Displays`; a session then is held as for a focus loss. On X11 the
//! X server is asked (`RandR`, over one connection kept open); elsewhere (Windows, Wayland) the station asks itself in a child
//! process, `ustudy-station monitors`, which lists them with winit (a process can run one event
//! loop, and the window's is iced's).

use std::time::Duration;

use iced::Subscription;
use iced::futures::Stream;

use super::Message;

/// How often the monitors are counted.
const EVERY: Duration = Duration::from_secs(3);

fn stream(_: &&'static str) -> impl Stream<Item = Message> + use<> {
    iced::stream::channel(4, async move |mut output| {
        let mut last = None;
        let mut watch = Some(crate::ui::monitors::Watch::default());
        loop {
            let mut asking = watch.take().unwrap_or_default();
            let now = match tokio::task::spawn_blocking(move || {
                let now = asking.count();
                (asking, now)
            })
            .await
            {
                Ok((asked, now)) => {
                    watch = Some(asked);
                    now
                }
                Err(_) => None,
            };
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
