//! The monitors the window system has, read before any window opens (for `ustudy-station
//! check`): a winit event loop that lists them when it starts and stops at once. A process
//! can make one event loop only, so the station's window never calls this.

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
