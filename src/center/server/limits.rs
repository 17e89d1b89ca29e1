//! What keeps one slow or greedy client from blocking the center: a cap on open connections
//! (past it a new connection is closed at once, before TLS), a TLS handshake timeout, a timeout
//! on reading a request's headers, and one on a whole request (a body trickling in is cut with
//! 408). Each is logged.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum_server::accept::Accept;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Connections open at once, by default.
pub const MAX_CONNECTIONS: usize = 1024;
/// How long a client may take for the TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take, body and answer included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The acceptor under TLS that counts connections.
#[derive(Clone)]
pub struct Limited {
    slots: Arc<Semaphore>,
    max: usize,
}

impl Limited {
    /// At most `max` connections open at once.
    pub fn new(max: usize) -> Limited {
        Limited {
            slots: Arc::new(Semaphore::new(max)),
            max,
        }
    }
}

impl<I, S> Accept<I, S> for Limited {
    type Stream = Counted<I>;
    type Service = S;
    type Future = std::future::Ready<io::Result<(Counted<I>, S)>>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        let Ok(permit) = Arc::clone(&self.slots).try_acquire_owned() else {
            tracing::warn!(
                max = self.max,
                "too many connections: a new one is closed at once"
            );
            return std::future::ready(Err(io::Error::other("too many connections")));
        };
        let counted = Counted {
            inner: stream,
            _permit: permit,
        };
        std::future::ready(Ok((counted, service)))
    }
}

/// A connection that holds its slot until it is closed.
pub struct Counted<T> {
    inner: T,
    _permit: OwnedSemaphorePermit,
}

impl<T: AsyncRead + Unpin> AsyncRead for Counted<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Counted<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
