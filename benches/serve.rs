//! Dev-server benchmark: takes nothing, and prints the time from saving one
//! briefing to the `reload` event on the live-reload stream (what an open page
//! waits for), median of several saves, for a body edit and for a front-matter
//! edit, and the time until the search index, made in the background, is in place, on
//! two sites: a copy of the sample site, and
//! a generated site of 2,000 bilingual briefings (4,000 Markdown files with front
//! matter, events and entity mentions). Also prints the build time the server
//! reported for each rebuild, so the rest (watcher, debounce, notice) shows.
//!
//! Run with `cargo bench --bench serve`. Everything runs in temp dirs on 127.0.0.1;
//! the generated text comes from a fixed seed, so runs are comparable.

use std::error::Error;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use brief::serve::{Options, Report};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const SAMPLE_RUNS: usize = 20;
const LARGE_RUNS: usize = 20;
const BRIEFINGS: usize = 2_000;

fn main() -> Result<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));

    let sample = tempfile::tempdir()?;
    std::fs::copy(repo.join("brief.yaml"), sample.path().join("brief.yaml"))?;
    copy_dir(&repo.join("content"), &sample.path().join("content"))?;
    measure(
        "sample site (3 bilingual briefings)",
        sample.path(),
        "content/briefings/putin-sharaa-call/index.en.md",
        SAMPLE_RUNS,
    )?;

    let large = tempfile::tempdir()?;
    std::fs::copy(repo.join("brief.yaml"), large.path().join("brief.yaml"))?;
    let generated = Instant::now();
    generate(large.path(), &repo.join("content/entities.yaml"), BRIEFINGS)?;
    println!(
        "generated {BRIEFINGS} bilingual briefings ({} files) in {:.0} ms",
        BRIEFINGS * 2,
        ms(generated.elapsed())
    );
    measure(
        "generated site (2,000 bilingual briefings)",
        large.path(),
        &format!("content/briefings/b{:04}/index.en.md", BRIEFINGS / 2),
        LARGE_RUNS,
    )?;
    Ok(())
}

/// How a save changes the briefing: `edit(original, run)` gives the text saved.
type Edit = fn(&str, usize) -> String;

/// A new paragraph: the body changes, the front matter does not (the fast path).
fn body_edit(original: &str, run: usize) -> String {
    format!(
        "{original}\nUpdate {run}: officials in Damascus said the talks would resume next week.\n"
    )
}

/// A new title: a front-matter change, so listings, entity pages and feeds change
/// too and the site is loaded again (taking over the unchanged files).
fn title_edit(original: &str, run: usize) -> String {
    original.replacen("title: \"", &format!("title: \"Update {run}: "), 1)
}

/// For each kind of edit, starts a watching server on `root`, saves `briefing`
/// `runs` times and prints the save → reload latency.
fn measure(name: &str, root: &Path, briefing: &str, runs: usize) -> Result<()> {
    for (what, edit) in [
        ("body edit", body_edit as Edit),
        ("front-matter edit", title_edit as Edit),
    ] {
        measure_edit(&format!("{name}, {what}"), root, briefing, runs, edit)?;
    }
    Ok(())
}

/// Starts a watching server on `root`, saves `briefing` `runs` times, each time as
/// `edit` makes it, and prints the save → reload latency.
fn measure_edit(name: &str, root: &Path, briefing: &str, runs: usize, edit: Edit) -> Result<()> {
    // Each build's time, pages, and when it was reported (every page in place).
    let builds: Arc<Mutex<Vec<(Duration, usize, Instant)>>> = Arc::default();
    // When each language's search index was in place.
    let indexed: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let sink = builds.clone();
    let index_sink = indexed.clone();
    let reporter = Arc::new(move |report: Report| {
        if let Report::Built { elapsed, pages, .. } = report {
            if let Ok(mut b) = sink.lock() {
                b.push((elapsed, pages.values().sum(), Instant::now()));
            }
        } else if let Report::Indexed { lang, .. } = report {
            if let Ok(mut i) = index_sink.lock() {
                i.push((Instant::now(), lang));
            }
        } else if report.is_problem() {
            eprintln!("{report}");
        }
    });
    let options = Options {
        port: Some(0),
        watch: true,
        ..Options::new(root)
    };
    let handle = brief::serve::start(options, reporter)?;
    let (first, pages, _) = builds
        .lock()
        .map_err(|_| "poisoned")?
        .first()
        .copied()
        .ok_or("no first build")?;
    let mut events = Events::connect(handle.addr())?;
    events.wait_for("hello")?;

    let path = root.join(briefing);
    // The edited language's index is the one made again (`index.en.md` → `en`).
    let lang = briefing
        .rsplit('/')
        .next()
        .and_then(|name| name.split('.').rev().nth(1))
        .ok_or("a briefing named like index.en.md")?
        .to_string();
    let original = std::fs::read_to_string(&path)?;
    let mut latencies = Vec::new();
    let mut saves = Vec::new();
    let mut searchable = Vec::new();
    for run in 0..runs {
        let text = edit(&original, run);
        indexed.lock().map_err(|_| "poisoned")?.clear();
        let saved = Instant::now();
        std::fs::write(&path, text)?;
        events.wait_for("reload")?;
        latencies.push(saved.elapsed());
        saves.push(saved);
        // The edited language's search index follows in the background: waited for,
        // so that each save is measured alone, and timed. (The other language's
        // comes from the cache at once.)
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let at = (indexed.lock().map_err(|_| "poisoned")?.iter())
                .find(|(_, l)| *l == lang)
                .map(|(at, _)| *at);
            if let Some(at) = at {
                searchable.push(at - saved);
                break;
            }

            if Instant::now() > deadline {
                return Err("the search index was not refreshed within 2 minutes".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        // Lets the watcher go quiet.
        std::thread::sleep(Duration::from_millis(100));
        events.drain()?;
    }
    // Each rebuild's time, the pages it rendered, and from the save until it was
    // reported, every page in place (the fast path sends the reload of the edited
    // briefing's page before it renders the long entity and timeline pages).
    let reported: Vec<(Duration, usize, Instant)> = builds
        .lock()
        .map_err(|_| "poisoned")?
        .iter()
        .skip(1)
        .copied()
        .collect();
    let rebuilds: Vec<Duration> = reported.iter().map(|r| r.0).collect();
    let mut rendered: Vec<usize> = reported.iter().map(|r| r.1).collect();
    // A save's last report before the next save (an editor's save can reach the
    // watcher as two changes).
    let complete: Vec<Duration> = saves
        .iter()
        .enumerate()
        .filter_map(|(n, saved)| {
            let next = saves.get(n + 1);
            reported
                .iter()
                .filter(|r| r.2 > *saved && next.is_none_or(|next| r.2 < *next))
                .map(|r| r.2 - *saved)
                .next_back()
        })
        .collect();
    rendered.sort_unstable();
    handle.shutdown();
    std::fs::write(&path, original)?;

    println!("{name}: {pages} pages, first build {:.0} ms", ms(first));
    println!(
        "  save → reload event: median {:.1} ms (min {:.1}, max {:.1}) over {runs} saves",
        ms(median(&latencies)),
        ms(min(&latencies)),
        ms(max(&latencies)),
    );
    println!(
        "  of which the rebuild: median {:.1} ms over {} rebuilds, rendering a median of {} pages",
        ms(median(&rebuilds)),
        rebuilds.len(),
        rendered
            .get(rendered.len() / 2)
            .copied()
            .unwrap_or_default()
    );
    println!(
        "  save → every page in place: median {:.1} ms (min {:.1}, max {:.1})",
        ms(median(&complete)),
        ms(min(&complete)),
        ms(max(&complete)),
    );
    println!(
        "  save → search index in place (background): median {:.1} ms (min {:.1}, max {:.1})",
        ms(median(&searchable)),
        ms(min(&searchable)),
        ms(max(&searchable)),
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn min(values: &[Duration]) -> Duration {
    values.iter().min().copied().unwrap_or_default()
}

fn max(values: &[Duration]) -> Duration {
    values.iter().max().copied().unwrap_or_default()
}

/// The live-reload stream over HTTP/1.0, so the body is plain lines, not chunks.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(addr: SocketAddr) -> Result<Events> {
        let mut stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(120)))?;
        write!(
            stream,
            "GET /__brief/events HTTP/1.0\r\nHost: {addr}\r\n\r\n"
        )?;
        let mut reader = BufReader::new(stream);
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err("the server closed the event stream".into());
            }
            if line == "\r\n" {
                return Ok(Events { reader });
            }
        }
    }

    /// Throws away whatever the stream already holds (a save can give two rebuilds,
    /// when the watcher sees the truncation and the write apart), so the next wait
    /// measures the next save only.
    fn drain(&mut self) -> Result<()> {
        self.reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(50)))?;
        loop {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return Err("the server closed the event stream".into()),
                Ok(_) => continue,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    break;
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(120)))?;
        Ok(())
    }

    /// Reads until an `event: <name>` line.
    fn wait_for(&mut self, name: &str) -> Result<()> {
        let wanted = format!("event: {name}");
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line)? == 0 {
                return Err("the server closed the event stream".into());
            }
            if line.trim_end() == wanted {
                return Ok(());
            }
            if line.starts_with("event: broken") {
                return Err("the generated site failed to build".into());
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

// --- the generated site ---------------------------------------------------------

/// Knuth's MMIX linear congruential generator; the high bits are used because the
/// low bits of an LCG are poorly distributed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.next()).unwrap_or(0) % items.len().max(1);
        items.get(i).copied().unwrap_or("")
    }
}

/// (entity id, English name, Arabic name): ids from the sample registry.
const PEOPLE: &[(&str, &str, &str)] = &[
    ("putin", "Vladimir Putin", "فلاديمير بوتين"),
    ("al-sharaa", "Ahmed al-Sharaa", "أحمد الشرع"),
    ("bogdanov", "Mikhail Bogdanov", "ميخائيل بوغدانوف"),
    ("assad", "Bashar al-Assad", "بشار الأسد"),
];
const PLACES: &[(&str, &str, &str)] = &[
    ("damascus", "Damascus", "دمشق"),
    ("moscow", "Moscow", "موسكو"),
    ("syria", "Syria", "سوريا"),
    ("russia", "Russia", "روسيا"),
];
const TAGS: &[(&str, &str)] = &[
    ("Syria", "سوريا"),
    ("Russia", "روسيا"),
    ("Diplomacy", "دبلوماسية"),
    ("Military bases", "القواعد العسكرية"),
    ("Economy", "اقتصاد"),
    ("Energy", "طاقة"),
    ("Reconstruction", "إعادة الإعمار"),
    ("Refugees", "لاجئون"),
];
const EN_SENTENCES: &[&str] = &[
    "{P} met {Q} in {L} on Tuesday, according to a statement published afterwards.",
    "Officials in {L} said the talks with {Q} would continue next month.",
    "Analysts noted that {P}'s position on {M} has shifted since the fall of the Assad regime.",
    "The meeting, the third this year, focused on reconstruction, energy and the future of the Russian bases on the coast.",
    "A spokesman for {P} described the discussions as \"constructive and practical\".",
    "Diplomats in {M} expect a follow-up visit before the end of the year.",
    "The two sides also discussed humanitarian aid and the return of refugees to {L}.",
];
const AR_SENTENCES: &[&str] = &[
    "التقى {P} {Q} في {L} يوم الثلاثاء، بحسب بيان نُشر لاحقاً.",
    "وقال مسؤولون في {L} إن المحادثات مع {Q} ستستمر الشهر المقبل.",
    "ولاحظ محللون أن موقف {P} من {M} تغيّر منذ سقوط نظام الأسد.",
    "وركّز الاجتماع، وهو الثالث هذا العام، على إعادة الإعمار والطاقة ومستقبل القواعد الروسية على الساحل.",
    "ووصف متحدث باسم {P} المناقشات بأنها \"بنّاءة وعملية\".",
    "ويتوقع دبلوماسيون في {M} زيارة متابعة قبل نهاية العام.",
    "وبحث الجانبان أيضاً المساعدات الإنسانية وعودة اللاجئين إلى {L}.",
];

/// Writes `count` briefings, each in Arabic and English, plus the sample registry.
fn generate(root: &Path, registry: &Path, count: usize) -> Result<()> {
    std::fs::create_dir_all(root.join("content"))?;
    std::fs::copy(registry, root.join("content/entities.yaml"))?;
    let mut rng = Lcg(0x5EED_B21E_F000_0001);
    for i in 0..count {
        let dir = root.join(format!("content/briefings/b{i:04}"));
        std::fs::create_dir_all(&dir)?;
        let p = PEOPLE[i % PEOPLE.len()];
        let q = PEOPLE[(i / 3 + 1) % PEOPLE.len()];
        let l = PLACES[i % PLACES.len()];
        let m = PLACES[(i / 5 + 2) % PLACES.len()];
        // Spread over six years, with more than one briefing on some days.
        let (year, month, day) = (2019 + i / 336, (i / 28) % 12 + 1, i % 28 + 1);
        let date = format!("{year}-{month:02}-{day:02}");
        let t1 = TAGS[i % TAGS.len()];
        let t2 = TAGS[(i / 7 + 3) % TAGS.len()];
        let paragraphs = 5 + i % 4;
        for (lang, sentences) in [("en", EN_SENTENCES), ("ar", AR_SENTENCES)] {
            let name = |e: (&'static str, &'static str, &'static str)| {
                if lang == "en" { e.1 } else { e.2 }
            };
            let fill = |s: &str| {
                s.replace("{P}", name(p))
                    .replace("{Q}", name(q))
                    .replace("{L}", name(l))
                    .replace("{M}", name(m))
            };
            let (title, summary, tags, event) = if lang == "en" {
                (
                    format!("{} and {} discuss {} ({i})", p.1, q.1, l.1),
                    format!(
                        "{} met {} in {}; the talks covered reconstruction and energy.",
                        p.1, q.1, l.1
                    ),
                    format!("[{}, {}]", t1.0, t2.0),
                    format!("{} and {} meet in {}.", p.1, q.1, l.1),
                )
            } else {
                (
                    format!("{} و{} يبحثان ملف {} ({i})", p.2, q.2, l.2),
                    format!(
                        "التقى {} {} في {}، وتناولت المحادثات إعادة الإعمار والطاقة.",
                        p.2, q.2, l.2
                    ),
                    format!("[{}, {}]", t1.1, t2.1),
                    format!("لقاء {} و{} في {}.", p.2, q.2, l.2),
                )
            };
            let mut text = format!(
                "---\ntitle: \"{title}\"\ndate: {date}\nsummary: \"{summary}\"\ntags: {tags}\nentities: [{}, {}, {}]\nevents:\n  - date: {date}\n    text: \"{event}\"\n    entities: [{}, {}]\n---\n\n",
                p.0, q.0, l.0, p.0, l.0
            );
            for n in 0..paragraphs {
                if n == 2 {
                    text.push_str(if lang == "en" {
                        "## Background\n\n"
                    } else {
                        "## خلفية\n\n"
                    });
                }
                let sentences: Vec<String> = (0..3).map(|_| fill(rng.pick(sentences))).collect();
                text.push_str(&sentences.join(" "));
                text.push_str("\n\n");
            }
            std::fs::write(dir.join(format!("index.{lang}.md")), text)?;
        }
    }
    Ok(())
}
