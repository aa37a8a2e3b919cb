//! The `callside` binary: no subcommand opens the window; otherwise runs the CLI.

use callside::cli::{self, Cli, Io, PipeGuard};
use callside::store::data_dir;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
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
        // One window: if one is open, hand it this request and stop here.
        let request = callside::instance::Request {
            query: args.query.clone(),
            skill: args.skill.clone(),
            tough_call: args.tough_call.clone(),
            message: args.message.clone(),
        };
        if let Some(dir) = &data
            && callside::instance::send(&callside::instance::socket_path(dir), &request).is_ok()
        {
            let _ = writeln!(std::io::stderr(), "callside: handed to the open window");
            return ExitCode::SUCCESS;
        }
        if std::env::var_os("CALLSIDE_TRACE_FIRST_PAINT").is_some() {
            callside::ui::app::trace_first_paint(started);
        }
        // While eframe opens the window: the library and the rep's data, on a thread.
        callside::ui::app::preload(data.clone());
        let theme = args.theme.as_deref().map(|t| match t {
            "light" => callside::ui::settings::ThemeChoice::Light,
            "dark" => callside::ui::settings::ThemeChoice::Dark,
            _ => callside::ui::settings::ThemeChoice::System,
        });
        let start = callside::ui::StartOptions {
            query: args.query,
            skill: args.skill,
            tough_call: args.tough_call,
            message: args.message,
            size: args.size,
            theme,
            new_card: args.new_card,
            reply: args.reply,
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
                // Never `eprintln!`: it panics when stderr is closed.
                let _ = writeln!(std::io::stderr(), "callside: could not open the window: {e}");
                ExitCode::from(1)
            }
        };
    };
    if let Some(team) = args.team_folder {
        packs.push(team);
    }
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
