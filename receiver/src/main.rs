//! `evenhand-receiver`: see `--help`, and the library for what it does.

use std::process::ExitCode;

fn main() -> ExitCode {
    evenhand_receiver::cli::parse().run()
}
