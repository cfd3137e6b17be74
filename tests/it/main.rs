//! Integration tests: one binary, each test copying a fixture site into a temp dir and
//! running the real pipeline or the real `brief` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod build;
mod check;
mod entities;
mod init;
mod layout;
mod media;
mod package;
mod pictures;
mod plan;
mod serve;
mod timeline;
