//! The station's side of the link to the center: the TLS client that pins the center's
//! certificate, and enrollment. The outbox that carries events comes next.

pub mod enroll;
pub mod link;
pub mod tls;
