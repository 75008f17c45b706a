use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Blogger's words table is made while the rest starts up (the command
    // line, the config, the terminal), not when the first piece is parsed:
    // the reader's first screen comes sooner.
    std::thread::spawn(tread::dump::words::warm_up);
    match tread::cli::run(tread::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) if tread::cli::broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tread: {e:#}");
            ExitCode::from(2)
        }
    }
}
