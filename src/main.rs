use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match tread::cli::run(tread::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tread: {e:#}");
            ExitCode::from(2)
        }
    }
}
