//! The station's side of the link to the center: the TLS client that pins the center's
//! certificate, enrollment, the signed requests of an enrolled station (`link`), and opening a
//! sealed package with a released key or a typed key code (`release`), the outbox that
//! carries every journal record to the center (`outbox`), or the same batches in a file when
//! the network stays down (`offline`), and taking over a session moved here (`handover`).

pub mod enroll;
pub mod handover;
pub mod link;
pub mod offline;
pub mod outbox;
pub mod release;
pub mod tls;
