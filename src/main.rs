//! The `callside` binary: no subcommand opens the window; otherwise runs the CLI.

use callside::cli::{self, Cli, Io, PipeGuard};
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the user's data lives: `$CALLSIDE_HOME` if set and not empty (an empty one must not
/// mean the current folder), else the platform's data folder.
fn data_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CALLSIDE_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "Callside").map(|d| d.data_dir().to_path_buf())
}

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
                // Never `eprintln!`: it panics when stderr is closed.
                let _ = writeln!(std::io::stderr(), "callside: could not open the window: {e}");
                ExitCode::from(1)
            }
        };
    };
    // Buffered (a `check` can print 100,000 lines), and a closed pipe ends output quietly.
    let mut out = PipeGuard::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let mut err = PipeGuard::new(std::io::stderr().lock());
    let result = cli::run(
        command,
        &packs,
        Io {
            out: &mut out,
            err: &mut err,
        },
    )
    .and_then(|code| out.flush().map(|()| code).map_err(cli::CliError::from));
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(e) => {
            let _ = writeln!(err, "callside: {e}");
            ExitCode::from(u8::try_from(e.code()).unwrap_or(2))
        }
    }
}
