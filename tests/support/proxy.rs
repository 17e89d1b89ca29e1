//! A small TCP fault proxy on 127.0.0.1 between a station and its center, for the network-fault
//! tests. It forwards bytes both ways (TLS passes through untouched) and, by mode: refuses
//! connections, cuts a connection after the client has sent `k` bytes, or keeps forwarding the
//! request but swallows every byte of the answer once the client has sent `k` bytes (the center
//! commits, the receipt never arrives) until `cut_all` closes those connections. The upstream
//! can be changed (a center restarted on another port). It runs on its own thread and runtime
//! and stops when dropped.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the proxy does to new and open connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Forwards everything.
    Pass,
    /// Closes every connection at once (the center is unreachable).
    Refuse,
    /// Forwards at most this many client bytes, then closes both sides.
    CutAfter(usize),
    /// Once the client has sent this many bytes, swallows everything the center answers.
    SwallowReplyAfter(usize),
}

struct Shared {
    mode: Mode,
    upstream: SocketAddr,
    connections: usize,
}

/// A running proxy.
pub struct Proxy {
    /// Its address, `https://127.0.0.1:PORT`.
    pub url: String,
    shared: Arc<Mutex<Shared>>,
    cut: watch::Sender<u64>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn addr_of(url: &str) -> SocketAddr {
    url.trim_start_matches("https://")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|e| panic!("{url} is not https://IP:PORT: {e}"))
}

impl Proxy {
    /// A proxy in front of the center at `upstream` (`https://127.0.0.1:PORT`), passing all.
    pub fn start(upstream: &str) -> Proxy {
        let shared = Arc::new(Mutex::new(Shared {
            mode: Mode::Pass,
            upstream: addr_of(upstream),
            connections: 0,
        }));
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        std_listener.set_nonblocking(true).expect("non-blocking");
        let url = format!(
            "https://{}",
            std_listener.local_addr().expect("its address")
        );
        let (cut, cuts) = watch::channel(0u64);
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let thread = std::thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime");
                rt.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("the listener");
                    tokio::select! {
                        () = accept(listener, shared, cuts) => {}
                        _ = stopped => {}
                    }
                });
            }
        });
        Proxy {
            url,
            shared,
            cut,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Sets the mode for new connections and those open (`Refuse` closes those open too).
    pub fn set(&self, mode: Mode) {
        self.shared.lock().expect("the proxy's state").mode = mode;
        if mode == Mode::Refuse {
            self.cut_all();
        }
    }

    /// Points the proxy at another center.
    pub fn upstream(&self, url: &str) {
        self.shared.lock().expect("the proxy's state").upstream = addr_of(url);
    }

    /// Closes every open connection.
    pub fn cut_all(&self) {
        self.cut.send_modify(|n| *n += 1);
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().expect("the proxy's state").connections
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn accept(listener: TcpListener, shared: Arc<Mutex<Shared>>, cuts: watch::Receiver<u64>) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            continue;
        };
        let (mode, upstream) = {
            let mut s = shared.lock().expect("the proxy's state");
            s.connections += 1;
            (s.mode, s.upstream)
        };
        if mode == Mode::Refuse {
            drop(client);
            continue;
        }
        tokio::spawn(relay(client, upstream, Arc::clone(&shared), cuts.clone()));
    }
}

/// Forwards one connection until either side closes, the mode cuts it, or `cut_all`.
async fn relay(
    client: TcpStream,
    upstream: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    mut cuts: watch::Receiver<u64>,
) {
    // Only cuts made from now on close this connection.
    cuts.borrow_and_update();
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mode = move || shared.lock().expect("the proxy's state").mode;
    let up = {
        let (sent, mode) = (Arc::clone(&sent), mode.clone());
        async move {
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                let n = match client_read.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let before = sent.load(std::sync::atomic::Ordering::SeqCst);
                let pass = match mode() {
                    Mode::CutAfter(k) => n.min(k.saturating_sub(before)),
                    _ => n,
                };
                if pass > 0 && server_write.write_all(&buf[..pass]).await.is_err() {
                    return;
                }
                sent.fetch_add(pass, std::sync::atomic::Ordering::SeqCst);
                if pass < n {
                    // The cut: the rest of this write and everything after it is lost.
                    return;
                }
            }
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match server_read.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let swallowed = matches!(mode(), Mode::SwallowReplyAfter(k)
                if sent.load(std::sync::atomic::Ordering::SeqCst) >= k);
            if !swallowed && client_write.write_all(&buf[..n]).await.is_err() {
                return;
            }
        }
    };
    tokio::select! {
        () = up => {}
        () = down => {}
        _ = cuts.changed() => {}
    }
}
