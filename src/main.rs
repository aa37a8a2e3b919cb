//! The `callside` binary: no subcommand opens the window; otherwise runs the CLI.

use callside::cli::{self, Cli, Io};
use callside::store::data_dir;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let data = data_dir();
    let mut packs = Vec::new();
    if let Some(personal) = data.as_ref().map(|d| d.join("packs")) {
        // The window watches it, so it exists from the first start (a rep drops packs in).
        if args.command.is_none() {
            let _ = std::fs::create_dir_all(&personal);
        }
        if personal.is_dir() {
            packs.push(personal);
        }
    }
    packs.extend(args.packs.iter().cloned());

    let Some(command) = args.command else {
        let start = callside::ui::StartOptions {
            query: args.query,
            skill: args.skill,
            tough_call: args.tough_call,
            size: args.size,
            packs,
            team_folder: args.team_folder,
            poll: args.poll,
            data_dir: data,
            huddle: args.huddle,
            review: args.review,
        };
        return match callside::ui::run(start) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("callside: could not open the window: {e}");
                ExitCode::from(1)
            }
        };
    };
    if let Some(team) = args.team_folder {
        packs.push(team);
    }
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
