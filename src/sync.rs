//! The station's side of the link to the center: the TLS client that pins the center's
//! certificate, enrollment, the signed requests of an enrolled station (`link`), and opening a
//! sealed package with a released key or a typed key code (`release`). The outbox that carries
//! events comes next.

pub mod enroll;
pub mod link;
pub mod release;
pub mod tls;
