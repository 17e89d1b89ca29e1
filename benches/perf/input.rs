//! Responsiveness seen from the X server: keys pressed with `XTest`, frames seen as `Damage`
//! notifications (each time a program's picture reaches the server). A key's latency is the
//! time from its press to the first frame after it; a save's, to the first frame after which the
//! save line reads as it does once an answer is saved (read back from the server).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use x11rb::connection::Connection as _;
use x11rb::protocol::Event;
use x11rb::protocol::damage::{ConnectionExt as _, ReportLevel};
use x11rb::protocol::xproto::{ConnectionExt as _, Rectangle};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;

use super::screen::DISPLAY;

/// Keysyms the harness presses.
pub mod key {
    pub const RIGHT: u32 = 0xff53;
    pub const LEFT: u32 = 0xff51;
    pub const ESCAPE: u32 = 0xff1b;
    pub const F6: u32 = 0xffc3;
    pub const SPACE: u32 = 0x20;
    pub const DELETE: u32 = 0xffff;
    pub const T: u32 = 0x74;
    /// `1` to `5`: the options.
    pub const fn digit(n: u32) -> u32 {
        0x30 + n
    }
}

/// An area of the screen, in pixels.
#[derive(Clone, Copy)]
pub struct Area {
    pub x: i16,
    pub y: i16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    fn meets(self, r: Rectangle) -> bool {
        let (ax, ay) = (i32::from(self.x), i32::from(self.y));
        let (rx, ry) = (i32::from(r.x), i32::from(r.y));
        ax < rx + i32::from(r.width)
            && rx < ax + i32::from(self.width)
            && ay < ry + i32::from(r.height)
            && ry < ay + i32::from(self.height)
    }
}

pub struct Keyboard {
    conn: RustConnection,
    root: u32,
    codes: HashMap<u32, u8>,
}

impl Keyboard {
    pub fn new() -> Keyboard {
        let (conn, screen) = x11rb::connect(Some(DISPLAY)).expect("X connection");
        let setup = conn.setup();
        let root = setup.roots[screen].root;
        let (min, max) = (setup.min_keycode, setup.max_keycode);
        conn.damage_query_version(1, 1)
            .expect("Damage")
            .reply()
            .expect("the X server has Damage");
        conn.xtest_get_version(2, 2)
            .expect("XTest")
            .reply()
            .expect("the X server has XTest");
        let map = conn
            .get_keyboard_mapping(min, max - min + 1)
            .expect("the keyboard map")
            .reply()
            .expect("the keyboard map");
        let per = usize::from(map.keysyms_per_keycode).max(1);
        let mut codes = HashMap::new();
        for (i, syms) in map.keysyms.chunks(per).enumerate() {
            let code = min + u8::try_from(i).expect("a keycode");
            for &sym in syms {
                codes.entry(sym).or_insert(code);
            }
        }
        let damage = conn.generate_id().expect("an X id");
        conn.damage_create(damage, root, ReportLevel::RAW_RECTANGLES)
            .expect("damage on the root window");
        conn.flush().expect("X flush");
        Keyboard { conn, root, codes }
    }

    /// Forgets the frames seen so far.
    pub fn drain(&self) {
        while let Ok(Some(_)) = self.conn.poll_for_event() {}
    }

    /// Presses and releases the key for `keysym`; the moment it was sent.
    pub fn press(&self, keysym: u32) -> Instant {
        let code = *self
            .codes
            .get(&keysym)
            .expect("the key is on the keyboard map");
        self.drain();
        for kind in [
            x11rb::protocol::xproto::KEY_PRESS_EVENT,
            x11rb::protocol::xproto::KEY_RELEASE_EVENT,
        ] {
            self.conn
                .xtest_fake_input(kind, code, 0, self.root, 0, 0, 0)
                .expect("XTest input");
        }
        self.conn.flush().expect("X flush");
        Instant::now()
    }

    /// The time from `since` to the first frame that touches `area` (anywhere when `None`),
    /// if one comes within `limit`.
    pub fn first_frame(
        &self,
        since: Instant,
        area: Option<Area>,
        limit: Duration,
    ) -> Option<Duration> {
        while since.elapsed() < limit {
            match self.conn.poll_for_event().expect("the X connection") {
                Some(Event::DamageNotify(n)) if area.is_none_or(|a| a.meets(n.area)) => {
                    return Some(since.elapsed());
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_micros(200)),
            }
        }
        None
    }

    /// From `since`: the time to the first frame, and to the first frame after which `area`
    /// reads as `done` wants, within `limit`.
    pub fn watch(
        &self,
        since: Instant,
        area: Area,
        limit: Duration,
        done: impl Fn(&[u8]) -> bool,
    ) -> (Option<Duration>, Option<Duration>) {
        let mut first = None;
        while since.elapsed() < limit {
            match self.conn.poll_for_event().expect("the X connection") {
                Some(Event::DamageNotify(_)) => {
                    let at = since.elapsed();
                    first.get_or_insert(at);
                    if done(&self.read(area)) {
                        return (first, Some(at));
                    }
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_micros(200)),
            }
        }
        (first, None)
    }

    /// What `area` shows now.
    pub fn read(&self, area: Area) -> Vec<u8> {
        self.conn
            .get_image(
                x11rb::protocol::xproto::ImageFormat::Z_PIXMAP,
                self.root,
                area.x,
                area.y,
                area.width,
                area.height,
                !0,
            )
            .ok()
            .and_then(|c| c.reply().ok())
            .map(|r| r.data)
            .unwrap_or_default()
    }
}
