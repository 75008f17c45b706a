use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match tread::cli::run(tread::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) if tread::cli::broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tread: {e:#}");
            ExitCode::from(2)
        }
    }
}
