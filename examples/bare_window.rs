//! A bare eframe window: the yardstick Callside's start-up and idle costs are measured against
//! (`tools/measure_start.sh`). Same eframe build (this package's renderer and platform features),
//! same window options (title, size, minimum size, icon), an empty central panel, nothing else.
//!
//! With `CALLSIDE_TRACE_FIRST_PAINT` set it prints, at the end of its first frame, the same line
//! Callside prints: milliseconds since `main` started, the wall clock in ms since the epoch and
//! the CPU time all threads used so far.
//!
//! ```sh
//! cargo run --release --example bare_window
//! ```

use std::io::Write;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

struct Bare {
    /// When `main` started, until the first frame has been traced (only with the variable set).
    trace: Option<Instant>,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |_ui| {});
        if let Some(start) = self.trace.take() {
            let epoch = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let cpu = cpu_ms();
            let _ = writeln!(
                std::io::stderr(),
                "first paint: {ms:.1} ms after main; epoch_ms={epoch}; cpu_ms={cpu:.1}"
            );
        }
    }
}

/// CPU time of all this process's threads so far, in ms (the same measure Callside prints).
fn cpu_ms() -> f64 {
    let ns: u64 = std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum();
    ns as f64 / 1e6
}

fn main() -> eframe::Result<()> {
    let start = Instant::now();
    let trace = std::env::var_os("CALLSIDE_TRACE_FIRST_PAINT").map(|_| start);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Callside bare")
        .with_app_id("callside-bare")
        .with_inner_size([420.0, 680.0])
        .with_min_inner_size([300.0, 360.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "callside-bare",
        options,
        Box::new(move |_cc| Ok(Box::new(Bare { trace }))),
    )
}
