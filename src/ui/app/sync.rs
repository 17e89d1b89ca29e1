//! The outbox as a subscription of the window: it runs on iced's runtime for as long as the
//! station has a center, and every change of its state arrives as `Message::Synced`. The window
//! never waits on it; the lock screen shows what it reports.

use std::hash::{Hash, Hasher};

use iced::Subscription;
use iced::futures::Stream;

use super::Message;
use crate::sync::outbox::Outbox;

/// The outbox, identified as the one feed of the app (its state lives in the journal).
struct Feed(Outbox);

impl Hash for Feed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "outbox".hash(state);
    }
}

fn stream(feed: &Feed) -> impl Stream<Item = Message> + use<> {
    let outbox = feed.0.clone();
    iced::stream::channel(16, async move |mut output| {
        outbox
            .run(|state| {
                // A full channel drops a report: the next one says the same and more.
                let _ = output.try_send(Message::Synced(state));
            })
            .await;
    })
}

/// The outbox's subscription.
pub fn subscription(outbox: Outbox) -> Subscription<Message> {
    Subscription::run_with(Feed(outbox), stream)
}
