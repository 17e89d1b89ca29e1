//! The performance harness's floor (`benches/perf.rs`): a bare iced 0.14 window built with the
//! station's iced features, its two fonts and its kiosk window settings (`ustudy::ui::window`),
//! showing one line of text. With `--clock` the line is a clock redrawn once a second, the floor
//! for the station's idle cost while a task is on screen. With `--react` every key press changes
//! the line (the floor for input → frame); with `--commit DIR` as well, each key press first
//! commits one row to a `SQLite` database in DIR with WAL and FULL sync, as the journal does
//! (the floor for click → "✓ Saved").

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use iced::widget::{center, text};
use iced::{Element, Subscription, Task, window};

#[derive(Default)]
struct Floor {
    clock: bool,
    react: bool,
    commit: Option<Arc<Mutex<rusqlite::Connection>>>,
    seconds: u64,
    presses: u64,
}

#[derive(Debug, Clone, Copy)]
enum Message {
    Tick,
    Key,
    Committed,
}

impl Floor {
    fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick => {
                self.seconds = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                Task::none()
            }
            Message::Key => {
                if let Some(db) = self.commit.clone() {
                    return Task::perform(
                        async move {
                            let _ = tokio::task::spawn_blocking(move || commit(&db)).await;
                        },
                        |()| Message::Committed,
                    );
                }
                self.presses += 1;
                Task::none()
            }
            Message::Committed => {
                self.presses += 1;
                Task::none()
            }
        }
    }

    fn view(&self) -> Element<'_, Message> {
        let line = if self.clock {
            format!("{:02}:{:02}", (self.seconds / 60) % 60, self.seconds % 60)
        } else if self.react {
            format!("Станция құлыпталған {}", self.presses)
        } else {
            "Станция құлыпталған".to_owned()
        };
        center(text(line).size(32)).into()
    }

    fn subscription(&self) -> Subscription<Message> {
        let clock = if self.clock {
            iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick)
        } else {
            Subscription::none()
        };
        let keys = if self.react {
            iced::keyboard::listen().filter_map(|event| match event {
                iced::keyboard::Event::KeyPressed { .. } => Some(Message::Key),
                _ => None,
            })
        } else {
            Subscription::none()
        };
        Subscription::batch([clock, keys])
    }
}

/// One row committed with WAL and FULL sync.
fn commit(db: &Mutex<rusqlite::Connection>) {
    if let Ok(db) = db.lock() {
        let _ = db.execute(
            "INSERT INTO records (body) VALUES (?1)",
            [vec![0x5a_u8; 256]],
        );
    }
}

fn open(dir: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let db = rusqlite::Connection::open(dir.join("floor.sqlite"))?;
    db.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, body BLOB NOT NULL);",
    )?;
    Ok(db)
}

/// Covers the whole monitor, as the station does: `fullscreen` needs a window manager, and
/// Xvfb has none.
fn cover_screen() -> Task<Message> {
    window::oldest().then(|id| {
        let Some(id) = id else {
            return Task::none();
        };
        window::monitor_size(id).then(move |size| match size {
            Some(size) => Task::batch([
                window::move_to(id, iced::Point::ORIGIN),
                window::resize(id, size),
            ]),
            None => Task::none(),
        })
    })
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let clock = args.iter().any(|a| a == "--clock");
    let commit = match args.iter().position(|a| a == "--commit") {
        Some(i) => {
            let dir = args.get(i + 1).ok_or("--commit DIR")?;
            let db = open(Path::new(dir)).map_err(|e| format!("the floor's database: {e}"))?;
            Some(Arc::new(Mutex::new(db)))
        }
        None => None,
    };
    let react = commit.is_some() || args.iter().any(|a| a == "--react");
    ustudy::ui::window(iced::application(
        move || {
            (
                Floor {
                    clock,
                    react,
                    commit: commit.clone(),
                    ..Floor::default()
                },
                cover_screen(),
            )
        },
        Floor::update,
        Floor::view,
    ))
    .subscription(Floor::subscription)
    .run()
    .map_err(|e| e.to_string())
}
