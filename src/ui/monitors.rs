//! The monitors the window system has. `sizes`, read before any window opens (for
//! `ustudy-station check`): a winit event loop that lists them when it starts and stops at
//! once (a process can make one event loop only, so the station's window never calls it).
//! `count`, asked while the window runs: how many monitors the X server drives (`RandR`);
//! `Watch` asks it again and again over one connection (connecting anew for every count was
//! most of the station's CPU time while a candidate sat on a task).

use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::window::WindowId;

#[derive(Default)]
struct Lister {
    sizes: Vec<(u32, u32)>,
}

impl ApplicationHandler for Lister {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        // The primary monitor first: the window covers that one.
        let primary = event_loop.primary_monitor();
        let mut all: Vec<_> = event_loop.available_monitors().collect();
        if let Some(p) = &primary {
            all.sort_by_key(|m| m != p);
        }
        self.sizes = all
            .iter()
            .map(|m| {
                let size = m.size();
                (size.width, size.height)
            })
            .collect();
        event_loop.exit();
    }

    fn window_event(&mut self, _: &ActiveEventLoop, _: WindowId, _: WindowEvent) {}
}

/// The monitors' sizes in physical pixels, the primary first; why not, when the window system
/// cannot be reached.
pub fn sizes() -> Result<Vec<(u32, u32)>, String> {
    let event_loop = EventLoop::new().map_err(|e| e.to_string())?;
    let mut lister = Lister::default();
    event_loop.run_app(&mut lister).map_err(|e| e.to_string())?;
    Ok(lister.sizes)
}

/// How many monitors the X server `display` (or `$DISPLAY`) drives, if it can be asked (X11
/// with `RandR`; `None` on Wayland, Windows, or without a display).
#[cfg(target_os = "linux")]
pub fn count(display: Option<&str>) -> Option<usize> {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::randr::ConnectionExt as _;
    if display.is_none() {
        std::env::var_os("DISPLAY")?;
    }
    let (conn, screen) = x11rb::connect(display).ok()?;
    let root = conn.setup().roots.get(screen)?.root;
    let monitors = conn.randr_get_monitors(root, false).ok()?.reply().ok()?;
    Some(monitors.monitors.len())
}

/// No way to ask on this platform.
#[cfg(not(target_os = "linux"))]
pub fn count(_display: Option<&str>) -> Option<usize> {
    None
}

/// How many monitors there are, asked of a child process (`ustudy-station monitors`, which
/// prints the count): the window's own process cannot run a second event loop.
pub fn count_in_child() -> Option<usize> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .arg("monitors")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Counts the monitors again and again: on X11 over one connection, made again after a query
/// fails; where the X server cannot be asked, in a child process each time.
#[derive(Default)]
pub struct Watch {
    /// The X server to ask (`None`: `$DISPLAY`).
    #[cfg(target_os = "linux")]
    display: Option<String>,
    #[cfg(target_os = "linux")]
    x11: Option<(x11rb::rust_connection::RustConnection, u32)>,
}

impl Watch {
    /// A watch on the X server `display` (`None`: `$DISPLAY`, as `default`).
    pub fn on(display: Option<&str>) -> Watch {
        #[cfg(target_os = "linux")]
        {
            Watch {
                display: display.map(str::to_owned),
                ..Watch::default()
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = display;
            Watch::default()
        }
    }

    /// Sleeps `every`, then counts. (The X server sends no `RandR` event when a monitor is
    /// defined with `SetMonitor`, so the watch asks instead of waiting to be told.)
    pub fn next(&mut self, every: std::time::Duration) -> Option<usize> {
        std::thread::sleep(every);
        self.count()
    }

    /// How many monitors there are now, if it can be told.
    pub fn count(&mut self) -> Option<usize> {
        #[cfg(target_os = "linux")]
        if let Some(n) = self.count_x11() {
            return Some(n);
        }
        count_in_child()
    }

    #[cfg(target_os = "linux")]
    fn count_x11(&mut self) -> Option<usize> {
        use x11rb::connection::Connection as _;
        use x11rb::protocol::randr::ConnectionExt as _;
        if self.x11.is_none() {
            if self.display.is_none() {
                std::env::var_os("DISPLAY")?;
            }
            let (conn, screen) = x11rb::connect(self.display.as_deref()).ok()?;
            let root = conn.setup().roots.get(screen)?.root;
            self.x11 = Some((conn, root));
        }
        let (conn, root) = self.x11.as_ref()?;
        let asked = conn
            .randr_get_monitors(*root, false)
            .ok()
            .and_then(|cookie| cookie.reply().ok());
        if asked.is_none() {
            // Connected anew at the next count.
            self.x11 = None;
        }
        asked.map(|reply| reply.monitors.len())
    }
}
