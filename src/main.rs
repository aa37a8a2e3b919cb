//! The `callside` binary: no subcommand opens the window; otherwise runs the CLI.

use callside::cli::{self, Cli, Io};
use callside::store::data_dir;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let data = data_dir();
    let mut packs = Vec::new();
    if let Some(team) = data.as_ref().map(|d| d.join("packs")).filter(|p| p.is_dir()) {
        packs.push(team);
    }
    packs.extend(args.packs.iter().cloned());

    let Some(command) = args.command else {
        let start = callside::ui::StartOptions {
            query: args.query,
            skill: args.skill,
            tough_call: args.tough_call,
            size: args.size,
            packs,
            data_dir: data,
        };
        return match callside::ui::run(start) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("callside: could not open the window: {e}");
                ExitCode::from(1)
            }
        };
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match cli::run(
        command,
        &packs,
        Io {
            out: &mut out,
            err: &mut err,
        },
    ) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("callside: {}", e.message);
            ExitCode::from(e.code as u8)
        }
    }
}
