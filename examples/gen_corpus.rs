//! Benchmark corpus generator: takes a pair count and a seed, writes a `brief` site of
//! that many bilingual briefing pairs (Arabic and English prose with headings, lists, a
//! quote, a link, sometimes a table or code, the same in both editions and different
//! from pair to pair, as a real desk's would be; 3–8 entities each from a registry of 300;
//! 0–3 events with partial dates, some shared between briefings), and with `--hugo` the
//! equivalent Hugo site. The same seed gives the same bytes.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pairs 2000 --seed 1 --out DIR [--hugo DIR]
//! gen_corpus floor --content DIR --manifest FILE --out DIR
//! ```
//!
//! `floor` is the I/O floor that `bench/build.sh` times: on one thread, it reads every
//! file under `--content`, then writes the files listed in `--manifest` (lines of
//! `relative/path<TAB>size`, taken from a real build) with that many bytes each, and
//! renders nothing.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage: gen_corpus --pairs N --seed S --out DIR [--hugo DIR]
       gen_corpus floor --content DIR --manifest FILE --out DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("floor") {
        parse_floor(&args[1..])
            .and_then(|(content, manifest, out)| floor(&content, &manifest, &out))
    } else {
        parse_generate(&args).and_then(|options| generate(&options))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen_corpus: {error}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Command line

struct Options {
    pairs: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn flag_values(args: &[String]) -> Result<Vec<(&str, &str)>> {
    let mut pairs = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        pairs.push((flag.as_str(), value.as_str()));
    }
    Ok(pairs)
}

fn parse_generate(args: &[String]) -> Result<Options> {
    let (mut pairs, mut seed, mut out, mut hugo) = (None, 1, None, None);
    for (flag, value) in flag_values(args)? {
        match flag {
            "--pairs" => {
                pairs = Some(
                    value
                        .parse()
                        .map_err(|_| format!("bad --pairs `{value}`"))?,
                )
            }
            "--seed" => seed = value.parse().map_err(|_| format!("bad --seed `{value}`"))?,
            "--out" => out = Some(PathBuf::from(value)),
            "--hugo" => hugo = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag `{flag}`").into()),
        }
    }
    Ok(Options {
        pairs: pairs.ok_or("--pairs is required")?,
        seed,
        out: out.ok_or("--out is required")?,
        hugo,
    })
}

fn parse_floor(args: &[String]) -> Result<(PathBuf, PathBuf, PathBuf)> {
    let (mut content, mut manifest, mut out) = (None, None, None);
    for (flag, value) in flag_values(args)? {
        match flag {
            "--content" => content = Some(PathBuf::from(value)),
            "--manifest" => manifest = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag `{flag}`").into()),
        }
    }
    Ok((
        content.ok_or("--content is required")?,
        manifest.ok_or("--manifest is required")?,
        out.ok_or("--out is required")?,
    ))
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Refuses a non-empty directory, so two corpora never mix.
fn ensure_empty(dir: &Path) -> Result<()> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(format!("{} exists and is not empty", dir.display()).into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The floor

fn floor(content: &Path, manifest: &Path, out: &Path) -> Result<()> {
    let mut filler = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let bytes =
                fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
            if filler.len() < 1 << 20 {
                filler.extend_from_slice(&bytes);
            }
        }
    }
    if filler.is_empty() {
        filler.push(b' ');
    }
    let list = fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let mut made = PathBuf::new();
    let mut buffer = Vec::new();
    for line in list.lines().filter(|l| !l.is_empty()) {
        let (relative, size) = line
            .split_once('\t')
            .ok_or_else(|| format!("bad manifest line `{line}`"))?;
        let size: usize = size.parse().map_err(|_| format!("bad size in `{line}`"))?;
        let path = out.join(relative);
        if let Some(parent) = path.parent()
            && parent != made
        {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            made = parent.to_path_buf();
        }
        buffer.clear();
        while buffer.len() < size {
            let take = filler.len().min(size - buffer.len());
            buffer.extend_from_slice(&filler[..take]);
        }
        fs::write(&path, &buffer).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Randomness

/// Knuth's MMIX linear congruential generator; the high bits are used because the low
/// bits of an LCG are poorly distributed.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        let mut rng = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        for _ in 0..4 {
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Picks an index biased towards the start: a few entities are in the news all the
    /// time, most only now and then.
    fn skewed(&mut self, n: usize) -> usize {
        if self.chance(15) {
            self.below(n.min(5))
        } else {
            self.below(n).min(self.below(n))
        }
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tables. Every pair is (Arabic, English). In templates, `{p1}` `{p2}` are people,
// `{o1}` `{o2}` organizations, `{l1}` `{l2}` places; `{و:p1}` attaches an Arabic
// proclitic (ل + ال is written لل); `{p1's}`, `{l1-based}`, `{l1-backed}` are English
// forms; `[a|b]` is chosen by the gender of p1; `{t}` topic, `{n}` 11–95, `{N}` a round
// number, `{pct}`, `{y}` year, `{mon}` month, `{url}` a source link.

const AR: usize = 0;
const EN: usize = 1;

#[rustfmt::skip]
const STEM_A: &[(&str, &str)] = &[
    ("كا", "Ka"),
    ("مو", "Mo"),
    ("زا", "Za"),
    ("تي", "Ti"),
    ("بو", "Bo"),
    ("سا", "Sa"),
    ("لو", "Lo"),
    ("فا", "Va"),
    ("ني", "Ni"),
    ("دو", "Do"),
    ("را", "Ra"),
    ("كو", "Ko"),
    ("ما", "Ma"),
    ("بي", "Be"),
    ("غو", "Go"),
    ("تو", "To"),
];
#[rustfmt::skip]
const STEM_B: &[(&str, &str)] = &[
    ("رين", "rin"),
    ("لان", "lan"),
    ("دور", "dor"),
    ("ميس", "mes"),
    ("تال", "tal"),
    ("نار", "nar"),
    ("ساك", "sak"),
    ("بول", "bol"),
    ("ريم", "rem"),
    ("زان", "zan"),
    ("غيل", "gel"),
    ("فين", "ven"),
    ("كار", "kar"),
    ("سول", "sol"),
];
#[rustfmt::skip]
const CITY_PREFIX: &[(&str, &str)] = &[
    ("تل", "Tell"),
    ("عين", "Ain"),
    ("دير", "Deir"),
    ("رأس", "Ras"),
    ("بئر", "Bir"),
];
#[rustfmt::skip]
const REGIONS: &[(&str, &str)] = &[
    ("البحر الأسود", "Black Sea"),
    ("القوقاز", "Caucasus"),
    ("شرق المتوسط", "Eastern Mediterranean"),
    ("آسيا الوسطى", "Central Asia"),
    ("الخليج", "Gulf"),
    ("القرن الأفريقي", "Horn of Africa"),
    ("البلقان", "Balkans"),
    ("شمال أفريقيا", "North Africa"),
];

#[rustfmt::skip]
const FIRST_MALE: &[(&str, &str)] = &[
    ("أحمد", "Ahmed"),
    ("محمد", "Mohammed"),
    ("سامر", "Samer"),
    ("يوسف", "Youssef"),
    ("كريم", "Karim"),
    ("رامي", "Rami"),
    ("طارق", "Tariq"),
    ("خالد", "Khaled"),
    ("عمر", "Omar"),
    ("ماهر", "Maher"),
    ("فادي", "Fadi"),
    ("وليد", "Walid"),
    ("باسل", "Basel"),
    ("زياد", "Ziad"),
    ("إيغور", "Igor"),
    ("ميخائيل", "Mikhail"),
    ("سيرغي", "Sergei"),
    ("ديفيد", "David"),
    ("جون", "John"),
    ("بيتر", "Peter"),
    ("إيمانويل", "Emmanuel"),
    ("أوليفر", "Oliver"),
    ("حسن", "Hassan"),
    ("نبيل", "Nabil"),
    ("مراد", "Murad"),
];
#[rustfmt::skip]
const FIRST_FEMALE: &[(&str, &str)] = &[
    ("ليلى", "Layla"),
    ("هالة", "Hala"),
    ("نادية", "Nadia"),
    ("سلمى", "Salma"),
    ("منى", "Mona"),
    ("رنا", "Rana"),
    ("دينا", "Dina"),
    ("جميلة", "Jamila"),
    ("سعاد", "Suad"),
    ("هدى", "Huda"),
    ("نور", "Nour"),
    ("ريم", "Reem"),
    ("آنا", "Anna"),
    ("إيلينا", "Elena"),
    ("سارة", "Sarah"),
    ("ماريا", "Maria"),
    ("كاترين", "Katrin"),
    ("لوسيا", "Lucia"),
];
/// Arab family names are nisbas built from three consonants: ال + c1 c2 c3 + ي.
#[rustfmt::skip]
const C1: &[(&str, &str)] = &[
    ("ح", "H"),
    ("خ", "Kh"),
    ("س", "S"),
    ("ش", "Sh"),
    ("ق", "Q"),
    ("ك", "K"),
    ("م", "M"),
    ("ن", "N"),
    ("ج", "J"),
    ("ز", "Z"),
    ("ر", "R"),
    ("ف", "F"),
    ("ب", "B"),
    ("د", "D"),
    ("ط", "T"),
];
#[rustfmt::skip]
const C2: &[(&str, &str)] = &[
    ("ر", "r"),
    ("ل", "l"),
    ("م", "m"),
    ("ن", "n"),
    ("ب", "b"),
    ("ت", "t"),
    ("د", "d"),
    ("ز", "z"),
    ("س", "s"),
    ("ش", "sh"),
    ("ف", "f"),
    ("ق", "q"),
    ("ك", "k"),
    ("ح", "h"),
];
#[rustfmt::skip]
const C3: &[(&str, &str)] = &[
    ("ب", "b"),
    ("د", "d"),
    ("ر", "r"),
    ("ز", "z"),
    ("ف", "f"),
    ("ق", "q"),
    ("ك", "k"),
    ("ل", "l"),
    ("م", "m"),
    ("ن", "n"),
    ("ت", "t"),
];
#[rustfmt::skip]
const FAMILY_END: &[(&str, &str)] = &[
    ("وف", "ov"),
    ("سكي", "ski"),
    ("ينكو", "enko"),
    ("سون", "son"),
    ("مان", "man"),
    ("يلي", "elli"),
];
/// (Arabic masculine, Arabic feminine, English).
#[rustfmt::skip]
const ROLES: &[(&str, &str, &str)] = &[
    ("وزير الخارجية", "وزيرة الخارجية", "Foreign minister"),
    ("رئيس الوزراء", "رئيسة الوزراء", "Prime minister"),
    ("المبعوث الخاص", "المبعوثة الخاصة", "Special envoy"),
    ("رئيس الجمهورية", "رئيسة الجمهورية", "President"),
    ("وزير الدفاع", "وزيرة الدفاع", "Defence minister"),
    ("المتحدث باسم الحكومة", "المتحدثة باسم الحكومة", "Government spokesperson"),
    ("محافظ البنك المركزي", "محافظة البنك المركزي", "Central bank governor"),
    ("السفير", "السفيرة", "Ambassador"),
    ("زعيم المعارضة", "زعيمة المعارضة", "Opposition leader"),
    ("وزير الطاقة", "وزيرة الطاقة", "Energy minister"),
];
/// Organization types, all feminine in Arabic so that verbs agree: (name with `{b}`,
/// name with `{B}`, Arabic description, English description).
#[rustfmt::skip]
const ORG_TYPES: &[(&str, &str, &str, &str)] = &[
    ("مجموعة {b}", "{B} Group", "مجموعة اقتصادية", "Business group"),
    ("شركة {b} للطاقة", "{B} Energy", "شركة طاقة", "Energy company"),
    ("حركة {b}", "{B} Movement", "حركة سياسية", "Political movement"),
    ("جبهة {b}", "{B} Front", "تحالف مسلح", "Armed coalition"),
    ("مؤسسة {b}", "{B} Foundation", "مؤسسة خيرية", "Charitable foundation"),
    ("وكالة {b} للأنباء", "{B} News Agency", "وكالة أنباء", "News agency"),
    ("جامعة {b}", "{B} University", "جامعة", "University"),
    ("منظمة {b} للإغاثة", "{B} Relief Organization", "منظمة إغاثة", "Relief organization"),
    ("هيئة {b} للرقابة", "{B} Oversight Authority", "هيئة رقابية", "Oversight body"),
    ("رابطة {b}", "{B} League", "رابطة مهنية", "Professional league"),
    ("شبكة {b} الإعلامية", "{B} Media Network", "شبكة إعلامية", "Media network"),
    ("شركة {b} للطيران", "{B} Airways", "شركة طيران", "Airline"),
];

#[rustfmt::skip]
const TOPICS: &[(&str, &str)] = &[
    ("الطاقة", "energy"),
    ("الأمن الغذائي", "food security"),
    ("إعادة الإعمار", "reconstruction"),
    ("اللاجئين", "refugees"),
    ("التبادل التجاري", "trade"),
    ("القواعد العسكرية", "military bases"),
    ("العقوبات الاقتصادية", "economic sanctions"),
    ("أمن الحدود", "border security"),
    ("المساعدات الإنسانية", "humanitarian aid"),
    ("إمدادات القمح", "wheat supplies"),
    ("خطوط الغاز", "gas pipelines"),
    ("الديون الخارجية", "foreign debt"),
    ("الانتخابات", "elections"),
    ("تبادل الأسرى", "prisoner exchanges"),
    ("الموانئ", "ports"),
    ("المياه", "water"),
    ("الاستثمار الأجنبي", "foreign investment"),
    ("الإصلاح الدستوري", "constitutional reform"),
    ("مكافحة الفساد", "anti-corruption efforts"),
    ("النقل الجوي", "air transport"),
    ("الكهرباء", "electricity"),
    ("الزراعة", "agriculture"),
    ("التعليم", "education"),
    ("الصحة العامة", "public health"),
];
#[rustfmt::skip]
const MONTHS: &[(&str, &str)] = &[
    ("كانون الثاني/يناير", "January"),
    ("شباط/فبراير", "February"),
    ("آذار/مارس", "March"),
    ("نيسان/أبريل", "April"),
    ("أيار/مايو", "May"),
    ("حزيران/يونيو", "June"),
    ("تموز/يوليو", "July"),
    ("آب/أغسطس", "August"),
    ("أيلول/سبتمبر", "September"),
    ("تشرين الأول/أكتوبر", "October"),
    ("تشرين الثاني/نوفمبر", "November"),
    ("كانون الأول/ديسمبر", "December"),
];
#[rustfmt::skip]
const TAGS: &[(&str, &str)] = &[
    ("دبلوماسية", "Diplomacy"),
    ("اقتصاد", "Economy"),
    ("طاقة", "Energy"),
    ("أمن", "Security"),
    ("لاجئون", "Refugees"),
    ("انتخابات", "Elections"),
    ("عقوبات", "Sanctions"),
    ("حقوق الإنسان", "Human rights"),
    ("مساعدات إنسانية", "Humanitarian aid"),
    ("إعادة الإعمار", "Reconstruction"),
    ("تجارة", "Trade"),
    ("نفط وغاز", "Oil and gas"),
    ("مياه", "Water"),
    ("زراعة", "Agriculture"),
    ("صحة", "Health"),
    ("تعليم", "Education"),
    ("إعلام", "Media"),
    ("قضاء", "Judiciary"),
    ("فساد", "Corruption"),
    ("دفاع", "Defence"),
    ("حدود", "Borders"),
    ("نقل", "Transport"),
    ("مناخ", "Climate"),
    ("مالية عامة", "Public finance"),
    ("عملة", "Currency"),
    ("أحزاب", "Parties"),
    ("برلمان", "Parliament"),
    ("دستور", "Constitution"),
    ("مفاوضات", "Negotiations"),
    ("وساطة", "Mediation"),
    ("قواعد عسكرية", "Military bases"),
    ("موانئ", "Ports"),
    ("غذاء", "Food"),
    ("سياحة", "Tourism"),
    ("تكنولوجيا", "Technology"),
    ("هجرة", "Migration"),
    ("نزاعات", "Conflicts"),
    ("مجتمع مدني", "Civil society"),
    ("أمن غذائي", "Food security"),
    ("تحليل", "Analysis"),
];
#[rustfmt::skip]
const AUTHORS: &[(&str, &str)] = &[
    ("سامر الخطيب", "Samer al-Khatib"),
    ("ليلى حداد", "Layla Haddad"),
    ("نادر يوسف", "Nader Youssef"),
    ("ريم العلي", "Reem al-Ali"),
    ("كريم منصور", "Karim Mansour"),
    ("هالة سعيد", "Hala Saeed"),
    ("مازن عيسى", "Mazen Issa"),
    ("دينا فارس", "Dina Fares"),
];

#[rustfmt::skip]
const TITLES: &[(&str, &str)] = &[
    ("{p1} [يبحث|تبحث] {t} مع {o1} {ب:l1}", "{p1} discusses {t} with {o1} in {l1}"),
    ("{l1} {و:l2}: مفاوضات متعثرة حول {t}", "{l1} and {l2}: stalled talks on {t}"),
    ("ما وراء زيارة {p1} إلى {l1}", "What lies behind {p1's} visit to {l1}"),
    ("تحذيرات من {o1} بشأن {t}", "{o1} warns over {t}"),
    ("هل تنجح {l1} في تجاوز أزمة {t}؟", "Can {l1} overcome its {t} crisis?"),
    ("{p1} {و:p2}: لقاء أول منذ سنوات", "{p1} and {p2}: a first meeting in years"),
    ("{l1} تعيد فتح ملف {t}", "{l1} reopens the {t} file"),
    ("قراءة في موقف {l1} من {t}", "{l1's} position on {t}: an analysis"),
    ("{o1} في قلب الجدل حول {t}", "{o1} at the centre of the debate over {t}"),
    ("رسائل {p1} إلى {l1}", "{p1's} messages to {l1}"),
    ("ماذا يعني اتفاق {t} بين {l1} {و:l2}؟", "What the {t} deal between {l1} and {l2} means"),
    ("{p1} [يحذر|تحذر] من تداعيات أزمة {t}", "{p1} warns of the fallout of the {t} crisis"),
];
#[rustfmt::skip]
const SUMMARIES: &[(&str, &str)] = &[
    ("تتناول هذه الإحاطة مواقف {p1} {و:o1} من ملف {t}، وانعكاساتها على العلاقة بين {l1} {و:l2}.", "This briefing examines the positions of {p1} and {o1} on {t}, and what they mean for relations between {l1} and {l2}."),
    ("عرض لآخر التطورات في ملف {t}، بعد تصريحات {p1} {ب:l1} وردود الفعل عليها.", "A review of the latest developments on {t}, after {p1's} remarks in {l1} and the reactions to them."),
    ("كيف تغيرت حسابات {l1} في ملف {t} منذ {y}، وما دور {o1} في ذلك؟", "How {l1's} calculations on {t} have changed since {y}, and the part {o1} has played."),
    ("تحليل لنتائج المحادثات بين {p1} {و:p2} حول {t}، وما ينتظر الطرفين في الأسابيع المقبلة.", "An analysis of the talks between {p1} and {p2} on {t}, and what lies ahead for both sides."),
];
#[rustfmt::skip]
const HEADINGS: &[(&str, &str)] = &[
    ("خلفية", "Background"),
    ("ردود الفعل", "Reactions"),
    ("الموقف الرسمي", "The official position"),
    ("ملف {t}", "The {t} file"),
    ("موقف {l1}", "{l1's} position"),
    ("دور {o1}", "The role of {o1}"),
    ("ما الذي تغير؟", "What has changed?"),
    ("السيناريوهات المحتملة", "Possible scenarios"),
    ("الأرقام", "The figures"),
    ("الحسابات الإقليمية", "Regional calculations"),
    ("قراءة في التوقيت", "Why now"),
    ("العقبات", "The obstacles"),
    ("المواقف الدولية", "International positions"),
    ("الخطوات التالية", "Next steps"),
    ("ما بعد الاتفاق", "After the agreement"),
    ("مخاوف الشارع", "Public concerns"),
    ("تصريحات {p1}", "What {p1} said"),
    ("الملف الاقتصادي", "The economic file"),
    ("البعد الأمني", "The security dimension"),
    ("بين {l1} {و:l2}", "Between {l1} and {l2}"),
    ("الوساطة", "Mediation"),
    ("التحديات المقبلة", "Challenges ahead"),
    ("موقف المعارضة", "The opposition's stance"),
    ("الكلفة الإنسانية", "The human cost"),
];
/// Sentences that name entities.
#[rustfmt::skip]
const NAMED: &[(&str, &str)] = &[
    ("[قال|قالت] {p1} إن {l1} مستعدة لمناقشة ملف {t} مع {o1} خلال الأسابيع المقبلة", "{p1} said {l1} was ready to discuss {t} with {o1} in the coming weeks"),
    ("[أكد|أكدت] {p1} أن الحوار مع {p2} لم يصل إلى طريق مسدود، رغم الخلافات حول {t}", "{p1} stressed that the dialogue with {p2} had not reached a dead end, despite disagreements over {t}"),
    ("[التقى|التقت] {p1} {ب:l1} وفداً من {o1} لبحث ملف {t}", "{p1} met a delegation from {o1} in {l1} to discuss {t}"),
    ("نقلت وكالات الأنباء عن {p1} [قوله|قولها] إن ملف {t} يبقى أولوية {ل:l1} هذا العام", "News agencies quoted {p1} as saying that {t} remains a priority for {l1} this year"),
    ("[شدد|شددت] {p1} على ضرورة إشراك {o1} في أي ترتيبات تخص ملف {t}", "{p1} insisted that {o1} be involved in any arrangements concerning {t}"),
    ("[وصل|وصلت] {p1} إلى {l1} في زيارة لم يعلن عنها مسبقاً", "{p1} arrived in {l1} on an unannounced visit"),
    ("[عقد|عقدت] {p1} مؤتمراً صحفياً {ب:l1} [تحدث|تحدثت] فيه عن ملف {t}", "{p1} held a press conference in {l1}, speaking about {t}"),
    ("[انتقد|انتقدت] {p1} ما [وصفه|وصفته] بالتباطؤ في تنفيذ التزامات {l1}", "{p1} criticised what [he|she] called the slow pace at which {l1} is meeting its commitments"),
    ("بحسب مصادر مقربة من {p1}، فإن المحادثات مع {p2} تناولت ملف {t} بالتفصيل", "According to sources close to {p1}, the talks with {p2} dealt with {t} in detail"),
    ("أصدرت {o1} بياناً يدعو إلى التهدئة في {l1}", "{o1} issued a statement calling for calm in {l1}"),
    ("أعلن متحدث باسم {o1} أن مبلغ {N} دولار خصص لمشاريع {t}", "A spokesperson for {o1} said {N} dollars had been allocated to {t} projects"),
    ("تعد {l1} من أكثر الأطراف تأثراً بملف {t}", "{l1} is among the parties most affected by {t}"),
    ("تستضيف {l1} الأسبوع المقبل اجتماعاً لممثلين عن {o1} {و:o2}", "{l1} will host a meeting of representatives of {o1} and {o2} next week"),
    ("[أبدى|أبدت] {p1} تفاؤلاً حذراً إزاء نتائج الاجتماع مع {o1}", "{p1} expressed cautious optimism about the outcome of the meeting with {o1}"),
    ("لم [يستبعد|تستبعد] {p1} زيارة {l1} قريباً إذا توافرت الظروف", "{p1} did not rule out visiting {l1} soon if conditions allow"),
    ("[رد|ردت] {p1} على تصريحات {p2} [قائلاً|قائلة] إن الأولوية هي ملف {t}", "{p1} responded to {p2's} remarks, saying the priority is {t}"),
    ("تتابع {o1} عن كثب التطورات في {l1}", "{o1} is following developments in {l1} closely"),
    ("[يرى|ترى] {p1} أن العلاقة بين {l1} {و:l2} تمر بمرحلة دقيقة", "{p1} believes relations between {l1} and {l2} are at a delicate stage"),
    ("[دعا|دعت] {p1} إلى عقد مؤتمر دولي حول {t} {ب:l1}", "{p1} called for an international conference on {t} in {l1}"),
    ("جاءت تصريحات {p1} بعد أيام من [لقائه|لقائها] {ب:p2}", "{p1's} remarks came days after [his|her] meeting with {p2}"),
    ("كشف تقرير صادر عن {o1} أن {pct}% من المشاريع في {l1} متوقفة", "A report by {o1} found that {pct}% of projects in {l1} have stalled"),
    ("تتهم {l1} {o1} بعرقلة الجهود المتعلقة بملف {t}", "{l1} accuses {o1} of obstructing efforts on {t}"),
    ("[زار|زارت] {p1} مخيماً للنازحين قرب {l1}", "{p1} visited a camp for displaced people near {l1}"),
    ("شارك ممثلون عن {o1} في الاجتماع الذي [ترأسه|ترأسته] {p1}", "Representatives of {o1} took part in the meeting chaired by {p1}"),
    ("تربط {l1} {ب:l2} علاقات تاريخية تعود إلى عقود", "{l1} and {l2} have historical ties going back decades"),
    ("[حذر|حذرت] {p1} من أن استمرار الأزمة في {l1} سيؤثر على ملف {t}", "{p1} warned that a prolonged crisis in {l1} would affect {t}"),
    ("على هامش [زيارته|زيارتها] إلى {l1}، [بحث|بحثت] {p1} مع {p2} ملف {t}", "On the sidelines of [his|her] visit to {l1}, {p1} discussed {t} with {p2}"),
    ("[نفى|نفت] {p1} وجود أي خلاف مع {o1}", "{p1} denied any disagreement with {o1}"),
    ("سبق {ل:p1} أن [زار|زارت] {l1} مرتين خلال العام الماضي", "{p1} visited {l1} twice last year"),
    ("وجهت انتقادات حادة {ل:l1} بسبب طريقة تعاملها مع ملف {t}", "{l1} has been sharply criticised for its handling of {t}"),
    ("[أشار|أشارت] {p1} إلى أن {ل:o1} دوراً مهماً في ملف {t}", "{p1} noted that {o1} has an important role to play on {t}"),
    ("تحدثت تقارير عن خلافات داخل {o1} حول طريقة التعامل مع {l1}", "Reports spoke of divisions within {o1} over how to deal with {l1}"),
    ("[أجرى|أجرت] {p1} اتصالاً هاتفياً {ب:p2} تناول ملف {t}", "{p1} held a phone call with {p2} that covered {t}"),
    ("ترفض {l1} حتى الآن الشروط التي [وضعها|وضعتها] {p1}", "{l1} has so far rejected the conditions set by {p1}"),
    ("[وصف|وصفت] {p1} الاتفاق بأنه «خطوة أولى» نحو حل ملف {t}", "{p1} described the agreement as “a first step” towards resolving {t}"),
    ("انتقد معارضون سياسة {p1} تجاه {l1}", "Opponents criticised {p1's} policy towards {l1}"),
    ("[كان|كانت] {p1} قد [أعلن|أعلنت] في {mon} الماضي عن خطة لمعالجة ملف {t}", "{p1} had announced a plan to address {t} last {mon}"),
    ("[يقود|تقود] {p1} منذ عام {y} جهود الوساطة بين {l1} {و:l2}", "Since {y}, {p1} has led mediation efforts between {l1} and {l2}"),
    ("[تلقى|تلقت] {p1} دعوة رسمية لزيارة {l1}", "{p1} received an official invitation to visit {l1}"),
    ("رحبت {l1} بقرار {o1} استئناف العمل في مشاريع {t}", "{l1} welcomed the decision by {o1} to resume work on {t} projects"),
    ("أفادت مصادر في {o1} بأن وفداً من {l1} سيصل قريباً", "Sources at {o1} said a delegation from {l1} would arrive soon"),
    ("قال محلل مقيم في {l1} إن المحادثات تعثرت بسبب الخلاف على ملف {t}", "A {l1-based} analyst said the talks had stalled over {t}"),
    ("تواجه الخطة المدعومة من {l1} انتقادات متزايدة من {o1}", "The {l1-backed} plan faces growing criticism from {o1}"),
    ("[قال|قالت] {p1} في مقابلة مع {o1} إن الحل لن يكون عسكرياً", "{p1} told {o1} in an interview that the solution would not be military"),
];
/// Sentences without entities.
#[rustfmt::skip]
const PLAIN: &[(&str, &str)] = &[
    ("تشير تقديرات غير رسمية إلى أن حجم الخسائر تجاوز {N} دولار خلال العام الماضي", "Unofficial estimates put losses at more than {N} dollars over the past year"),
    ("يرى مراقبون أن ملف {t} بات يحتل موقعاً متقدماً في النقاش العام", "Observers say the question of {t} has moved to the forefront of public debate"),
    ("لم تصدر حتى الآن أي تفاصيل رسمية عن مضمون المحادثات", "No official details of the talks have been released so far"),
    ("تراجعت الثقة بين الأطراف المعنية منذ عام {y}، بحسب استطلاعات الرأي", "Trust between the parties has declined since {y}, according to opinion polls"),
    ("ارتفعت أسعار المواد الأساسية بنسبة {pct}% خلال الأشهر الستة الماضية", "Prices of basic goods rose by {pct}% over the past six months"),
    ("يقول خبراء إن أي تقدم في ملف {t} سيبقى مرهوناً بتوافر التمويل", "Experts say any progress on {t} will depend on funding being available"),
    ("تعود جذور الأزمة إلى عام {y}، حين تعثرت المفاوضات للمرة الأولى", "The roots of the crisis go back to {y}, when negotiations first stalled"),
    ("أظهرت بيانات رسمية أن عدد المستفيدين من البرنامج بلغ {N} شخص", "Official figures show that {N} people have benefited from the programme"),
    ("تبقى الصورة غامضة في ظل تضارب الروايات حول ما جرى", "The picture remains unclear amid conflicting accounts of what happened"),
    ("تتحدث مصادر دبلوماسية عن اتصالات بعيدة عن الأضواء لتقريب وجهات النظر", "Diplomatic sources speak of contacts away from the spotlight to narrow differences"),
    ("يحذر آخرون من أن الاستعجال قد يأتي بنتائج عكسية", "Others warn that haste could backfire"),
    ("شهدت الأسابيع الأخيرة تصعيداً في الخطاب الإعلامي بين الجانبين", "Recent weeks have seen an escalation in media rhetoric between the two sides"),
    ("بلغت نسبة المشاركة في الاجتماعات التحضيرية نحو {pct}%", "Turnout at the preparatory meetings was around {pct}%"),
    ("من المقرر أن تعقد جولة جديدة من المحادثات في {mon} المقبل", "A new round of talks is scheduled for next {mon}"),
    ("لا يزال كثيرون يتذكرون أحداث عام {y} وما تركته من آثار", "Many still remember the events of {y} and the marks they left"),
    ("تؤكد مصادر مطلعة أن المسودة الحالية تتضمن {n} بنداً", "Informed sources say the current draft contains {n} clauses"),
    ("تحتاج البنية التحتية إلى استثمارات تقدر بـ{N} دولار", "Infrastructure needs investment estimated at {N} dollars"),
    ("يعكس هذا التطور تحولاً في أولويات السياسة الخارجية", "This development reflects a shift in foreign policy priorities"),
    ("لم يعلق المسؤولون على هذه التقارير حتى لحظة كتابة هذه الإحاطة", "Officials had not commented on these reports at the time of writing"),
    ("يشير محللون إلى أن موازين القوى تغيرت كثيراً خلال السنوات الأخيرة", "Analysts note that the balance of power has shifted considerably in recent years"),
    ("تعتمد نحو {pct}% من الأسر على المساعدات بشكل جزئي أو كلي", "Around {pct}% of households depend partly or entirely on aid"),
    ("تراجعت قيمة العملة المحلية بأكثر من {pct}% منذ مطلع العام", "The local currency has lost more than {pct}% of its value since the start of the year"),
    ("يبقى السؤال الأهم هو مدى قدرة الأطراف على الالتزام بتعهداتها", "The key question is whether the parties can honour their commitments"),
    ("تكررت الدعوات إلى إشراك المجتمع المدني في صياغة الحلول", "Calls to involve civil society in shaping solutions have grown"),
    ("تقول منظمات محلية إن الاحتياجات تفوق الإمكانات المتاحة بكثير", "Local organizations say needs far exceed available resources"),
    ("تزامن ذلك مع إعلان خطة لإعادة تأهيل {n} مدرسة", "This coincided with the announcement of a plan to rehabilitate {n} schools"),
    ("تبدو الفرص متاحة لتحقيق اختراق، لكن الطريق لا يزال طويلاً", "There appear to be openings for a breakthrough, but the road remains long"),
    ("أثار القرار جدلاً واسعاً على منصات التواصل الاجتماعي", "The decision sparked wide debate on social media"),
    ("تم تأجيل الاجتماع مرتين خلال الشهر الماضي لأسباب لوجستية", "The meeting was postponed twice last month for logistical reasons"),
    ("يتوقع اقتصاديون نمواً لا يتجاوز {pct}% في أحسن الأحوال", "Economists expect growth of no more than {pct}% at best"),
    ("بلغ الناتج المحلي الإجمالي (GDP) نحو {N} دولار للفرد عام {y}", "Gross domestic product (GDP) stood at around {N} dollars per head in {y}"),
    ("نشرت الحكومة الأرقام على موقعها data.gov.example في اليوم نفسه", "The government published the figures on its website, data.gov.example, the same day"),
];
#[rustfmt::skip]
const OPENERS: &[(&str, &str)] = &[
    ("وفي سياق متصل، ", "In a related development, "),
    ("من جهة أخرى، ", "Meanwhile, "),
    ("في المقابل، ", "By contrast, "),
    ("إلى ذلك، ", "In addition, "),
    ("بحسب مصادر مطلعة، ", "According to informed sources, "),
    ("في الأثناء، ", "At the same time, "),
    ("على صعيد آخر، ", "On another front, "),
    ("وفي هذا الإطار، ", "In this context, "),
    ("علاوة على ذلك، ", "Moreover, "),
];
#[rustfmt::skip]
const TAILS: &[(&str, &str)] = &[
    ("، بحسب ما أفادت وسائل إعلام محلية", ", according to local media"),
    ("، وفق ما نقلته وكالات الأنباء", ", news agencies reported"),
    ("، في خطوة لافتة", ", in a notable move"),
    ("، من دون تقديم تفاصيل إضافية", ", without giving further details"),
    ("، وسط ترقب إقليمي ودولي", ", amid regional and international anticipation"),
];
#[rustfmt::skip]
const LEADS: &[(&str, &str)] = &[
    ("[أعلن|أعلنت] {p1} في {mon} {y} أن {l1} {و:l2} توصلتا إلى تفاهم أولي بشأن ملف {t}", "In {mon} {y}, {p1} announced that {l1} and {l2} had reached a preliminary understanding on {t}"),
    ("تتجه الأنظار إلى {l1} بعد أن [كشف|كشفت] {p1} في {mon} {y} عن مبادرة جديدة تخص ملف {t}", "All eyes are on {l1} after {p1} unveiled a new initiative on {t} in {mon} {y}"),
    ("دخل ملف {t} مرحلة جديدة في {mon} {y}، مع إعلان {o1} خطة عمل تشمل {l1}", "The question of {t} entered a new phase in {mon} {y}, when {o1} announced an action plan covering {l1}"),
];
#[rustfmt::skip]
const LIST_INTROS: &[(&str, &str)] = &[
    ("وتشمل أبرز النقاط المطروحة ما يلي:", "The main points on the table include:"),
    ("ومن أبرز ما ورد في الوثيقة:", "Among the main points of the document:"),
    ("ويرى مراقبون أن نجاح المسار مرهون بعدة عوامل:", "Observers say the success of the process depends on several factors:"),
];
#[rustfmt::skip]
const LIST_ITEMS: &[(&str, &str)] = &[
    ("تشكيل لجنة مشتركة لمتابعة ملف {t}", "forming a joint committee to follow up on {t}"),
    ("رفع حجم التبادل التجاري إلى {N} دولار", "raising trade to {N} dollars"),
    ("تبادل الزيارات بين المسؤولين في {l1} {و:l2}", "exchanging visits between officials in {l1} and {l2}"),
    ("إشراك {o1} في مراقبة التنفيذ", "involving {o1} in monitoring implementation"),
    ("جدول زمني مدته {n} شهراً", "a timetable of {n} months"),
    ("ضمانات أمنية للمناطق الحدودية", "security guarantees for border areas"),
    ("إعادة فتح المعابر أمام حركة البضائع", "reopening crossings to the movement of goods"),
    ("إطلاق سراح {n} محتجزاً", "releasing {n} detainees"),
    ("دعم مشاريع {t} بقيمة {N} دولار", "funding {t} projects worth {N} dollars"),
    ("عقد اجتماع متابعة {ب:l1} قبل نهاية العام", "holding a follow-up meeting in {l1} before the end of the year"),
];
#[rustfmt::skip]
const QUOTE_INTROS: &[(&str, &str)] = &[
    ("[قال|قالت] {p1} في كلمة أمام الصحفيين:", "{p1} told reporters:"),
    ("[كتب|كتبت] {p1} في منشور على حسابه الرسمي:", "{p1} wrote in a post on an official account:"),
];
#[rustfmt::skip]
const QUOTES: &[(&str, &str)] = &[
    ("لن نقبل بأي اتفاق لا يضمن مصالح شعبنا في ملف {t}", "We will not accept any deal that fails to protect our people's interests on {t}"),
    ("الحوار هو الطريق الوحيد، ولا بديل عن الحلول السياسية", "Dialogue is the only way; there is no alternative to political solutions"),
    ("ما تحقق حتى الآن خطوة أولى، والطريق لا يزال طويلاً", "What has been achieved so far is a first step, and the road is still long"),
    ("نريد علاقات متوازنة مع الجميع تقوم على الاحترام المتبادل", "We want balanced relations with everyone, based on mutual respect"),
    ("لا يمكن الحديث عن استقرار دائم من دون معالجة ملف {t}", "There can be no lasting stability without addressing {t}"),
    ("نحن أمام فرصة تاريخية يجب ألا نضيعها", "We face a historic opportunity that we must not waste"),
    ("الأرقام لا تكذب: الوضع أصعب مما يعتقد كثيرون", "The numbers do not lie: the situation is harder than many think"),
    ("لسنا ضد أحد، لكننا لن نتنازل عن حقوقنا", "We are not against anyone, but we will not give up our rights"),
];
#[rustfmt::skip]
const LINKS: &[(&str, &str)] = &[
    ("بحسب [تقرير نشرته {o1}]({url})، فإن ملف {t} سيكون على رأس جدول الأعمال", "According to [a report published by {o1}]({url}), {t} will be at the top of the agenda"),
    ("[نشرت {o1} تقريراً مفصلاً]({url}) يتناول تداعيات الأزمة على ملف {t}", "[{o1} published a detailed report]({url}) on the fallout of the crisis for {t}"),
    ("يمكن الاطلاع على [النص الكامل للبيان]({url}) على موقع {o1} الرسمي", "The [full text of the statement]({url}) is available on {o1's} official website"),
];
#[rustfmt::skip]
const TABLES: &[(&str, &str)] = &[
    ("حجم التبادل التجاري (مليون دولار)", "Trade volume (million dollars)"),
    ("عدد اللاجئين العائدين", "Returning refugees"),
    ("إنتاج القمح (ألف طن)", "Wheat output (thousand tonnes)"),
];
/// Event texts, a keyword for the event id.
#[rustfmt::skip]
const EVENTS: &[(&str, &str, &str)] = &[
    ("زيارة {p1} إلى {l1} لبحث ملف {t}", "{p1} visits {l1} to discuss {t}", "visit"),
    ("توقيع اتفاق بين {l1} {و:l2} بشأن {t}", "{l1} and {l2} sign an agreement on {t}", "agreement"),
    ("إعلان {o1} خطة جديدة بشأن {t}", "{o1} announces a new plan on {t}", "plan"),
    ("اتصال هاتفي بين {p1} {و:p2}", "Phone call between {p1} and {p2}", "call"),
    ("انطلاق جولة مفاوضات جديدة {ب:l1} حول {t}", "New round of talks on {t} opens in {l1}", "talks"),
    ("فرض عقوبات على {o1}", "Sanctions imposed on {o1}", "sanctions"),
    ("تعيين {p1} في منصب جديد {ب:l1}", "{p1} appointed to a new post in {l1}", "appointment"),
    ("قمة تجمع {p1} {و:p2} {ب:l1}", "Summit between {p1} and {p2} in {l1}", "summit"),
    ("اشتباكات على حدود {l1}", "Clashes on the border of {l1}", "clashes"),
    ("انتخابات عامة في {l1}", "General elections in {l1}", "elections"),
    ("وصول قافلة مساعدات إلى {l1}", "Aid convoy reaches {l1}", "aid"),
    ("إطلاق {o1} تقريراً عن {t}", "{o1} releases a report on {t}", "report"),
];

// ---------------------------------------------------------------------------------------
// The entity registry

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Organization,
    Place,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }
}

struct Entity {
    id: String,
    kind: Kind,
    female: bool,
    /// Per language: the display name, then the aliases.
    names: [Vec<String>; 2],
    description: [String; 2],
    wikidata: Option<u64>,
}

struct Registry {
    entities: Vec<Entity>,
    persons: Vec<usize>,
    organizations: Vec<usize>,
    places: Vec<usize>,
    taken: BTreeSet<String>,
    ids: BTreeSet<String>,
}

/// Roughly how brief folds aliases: two aliases equal after this would clash.
fn fold(lang: usize, s: &str) -> String {
    let mut out = format!("{lang}:");
    for c in s.chars() {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

impl Registry {
    /// Adds an entity unless one of its names is already taken; returns whether it did.
    fn add(
        &mut self,
        rng: &mut Lcg,
        kind: Kind,
        female: bool,
        ar: Vec<String>,
        en: Vec<String>,
        description: [String; 2],
    ) -> bool {
        let keys: Vec<String> = ar
            .iter()
            .map(|a| fold(AR, a))
            .chain(en.iter().map(|e| fold(EN, e)))
            .collect();
        let unique: BTreeSet<&String> = keys.iter().collect();
        if unique.len() != keys.len() || keys.iter().any(|k| self.taken.contains(k)) {
            return false;
        }
        let base = slugify(&en[0]);
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.extend(keys);
        self.ids.insert(id.clone());
        let index = self.entities.len();
        match kind {
            Kind::Person => self.persons.push(index),
            Kind::Organization => self.organizations.push(index),
            Kind::Place => self.places.push(index),
        }
        let wikidata = rng.chance(30).then(|| 1_000_000 + rng.next() % 9_000_000);
        self.entities.push(Entity {
            id,
            kind,
            female,
            names: [ar, en],
            description,
            wikidata,
        });
        true
    }

    fn build(rng: &mut Lcg) -> Registry {
        let mut registry = Registry {
            entities: Vec::new(),
            persons: Vec::new(),
            organizations: Vec::new(),
            places: Vec::new(),
            taken: BTreeSet::new(),
            ids: BTreeSet::new(),
        };
        let stem = |rng: &mut Lcg| {
            let (a, b) = (rng.pick(STEM_A), rng.pick(STEM_B));
            (format!("{}{}", a.0, b.0), format!("{}{}", a.1, b.1))
        };
        // Places first: descriptions of the others name them.
        let mut countries = Vec::new();
        while countries.len() < 25 {
            let (ar, en) = stem(rng);
            let (ar, en) = if rng.chance(30) {
                (format!("{ar}ستان"), format!("{en}stan"))
            } else {
                (format!("{ar}يا"), format!("{en}ia"))
            };
            let region = rng.pick(REGIONS);
            let description = [
                format!("دولة في منطقة {}.", region.0),
                format!("Country in the {} region.", region.1),
            ];
            // A second transliteration, as with Kyiv and Kiev.
            let variant = match en.strip_suffix("stan") {
                Some(stem) => format!("{stem}istan"),
                None => format!("{}iya", en.trim_end_matches("ia")),
            };
            let names = (
                vec![ar.clone(), format!("جمهورية {ar}")],
                vec![en.clone(), variant],
            );
            if registry.add(rng, Kind::Place, false, names.0, names.1, description) {
                countries.push((ar, en));
            }
        }
        let mut cities = Vec::new();
        while cities.len() < 40 {
            let (mut ar, mut en) = stem(rng);
            let mut names = (
                vec![ar.clone(), format!("مدينة {ar}")],
                vec![en.clone(), format!("{en} City")],
            );
            match rng.below(10) {
                0..=3 => {
                    let prefix = rng.pick(CITY_PREFIX);
                    (ar, en) = (format!("{} {ar}", prefix.0), format!("{} {en}", prefix.1));
                    names = (
                        vec![ar.clone(), format!("مدينة {ar}")],
                        vec![en.clone(), format!("{en} City")],
                    );
                }
                4..=5 => {
                    // Names with the article, like الرقة: ل + الرقة is written للرقة.
                    let (c1, c2, c3) = (rng.pick(C1), rng.pick(C2), rng.pick(C3));
                    if c1.0 == c2.0 || c2.0 == c3.0 {
                        continue;
                    }
                    let bare = format!("{}a{}{}a", c1.1, c2.1, c3.1);
                    (ar, en) = (format!("ال{}{}{}ة", c1.0, c2.0, c3.0), format!("al-{bare}"));
                    names = (
                        vec![ar.clone(), format!("مدينة {ar}")],
                        vec![en.clone(), bare],
                    );
                }
                _ => {}
            }
            let country = &countries[rng.below(countries.len())];
            let description = [
                format!("مدينة في {}.", country.0),
                format!("City in {}.", country.1),
            ];
            if registry.add(rng, Kind::Place, false, names.0, names.1, description) {
                cities.push((ar, en));
            }
        }
        let mut provinces = 0;
        while provinces < 10 {
            let (ar, en) = stem(rng);
            let country = &countries[rng.below(countries.len())];
            let description = [
                format!("إقليم في {}.", country.0),
                format!("Province of {}.", country.1),
            ];
            let names = (
                vec![format!("إقليم {ar}"), ar],
                vec![format!("{en} Province"), en],
            );
            if registry.add(rng, Kind::Place, false, names.0, names.1, description) {
                provinces += 1;
            }
        }
        let mut organizations = 0;
        while organizations < 75 {
            let (b_ar, b_en) = stem(rng);
            let kind = rng.pick(ORG_TYPES);
            let ar = kind.0.replace("{b}", &b_ar);
            let en = kind.1.replace("{B}", &b_en);
            let mut en_names = vec![en.clone(), b_en.clone()];
            let words: Vec<&str> = en.split(' ').collect();
            if words.len() >= 3 {
                en_names.push(words.iter().filter_map(|w| w.chars().next()).collect());
            }
            let city = &cities[rng.below(cities.len())];
            let description = [
                format!("{} مقرها {}.", kind.2, city.0),
                format!("{} based in {}.", kind.3, city.1),
            ];
            if registry.add(
                rng,
                Kind::Organization,
                true,
                vec![ar, b_ar],
                en_names,
                description,
            ) {
                organizations += 1;
            }
        }
        let mut persons = 0;
        while persons < 150 {
            let female = rng.chance(30);
            let first = rng.pick(if female { FIRST_FEMALE } else { FIRST_MALE });
            let (ar, en) = if rng.chance(60) {
                let (c1, c2, c3) = (rng.pick(C1), rng.pick(C2), rng.pick(C3));
                if c1.0 == c2.0 || c2.0 == c3.0 {
                    continue;
                }
                let family = (
                    format!("ال{}{}{}ي", c1.0, c2.0, c3.0),
                    format!("{}a{}{}i", c1.1, c2.1, c3.1),
                );
                (
                    vec![format!("{} {}", first.0, family.0), family.0.clone()],
                    vec![
                        format!("{} al-{}", first.1, family.1),
                        format!("al-{}", family.1),
                        family.1.clone(),
                    ],
                )
            } else {
                let (s, end) = (stem(rng), rng.pick(FAMILY_END));
                let family = (format!("{}{}", s.0, end.0), format!("{}{}", s.1, end.1));
                (
                    vec![format!("{} {}", first.0, family.0), family.0],
                    vec![format!("{} {}", first.1, family.1), family.1],
                )
            };
            let role = rng.pick(ROLES);
            let country = &countries[rng.below(countries.len())];
            let description = [
                format!("{} في {}.", if female { role.1 } else { role.0 }, country.0),
                format!("{} of {}.", role.2, country.1),
            ];
            if registry.add(rng, Kind::Person, female, ar, en, description) {
                persons += 1;
            }
        }
        registry
    }

    fn pick(&self, rng: &mut Lcg, kind: Kind) -> usize {
        let list = match kind {
            Kind::Person => &self.persons,
            Kind::Organization => &self.organizations,
            Kind::Place => &self.places,
        };
        list[rng.skewed(list.len())]
    }

    fn yaml(&self) -> String {
        let mut out =
            String::from("# Generated by examples/gen_corpus.rs. Wikidata ids are made up.\n");
        for e in &self.entities {
            let _ = writeln!(out, "\n{}:\n  kind: {}", e.id, e.kind.name());
            if let Some(q) = e.wikidata {
                let _ = writeln!(out, "  wikidata: Q{q}");
            }
            let _ = writeln!(
                out,
                "  names:\n    ar: {}\n    en: {}",
                flow(&e.names[AR]),
                flow(&e.names[EN])
            );
            let _ = writeln!(
                out,
                "  description:\n    ar: {}\n    en: {}",
                quote(&e.description[AR]),
                quote(&e.description[EN])
            );
        }
        out
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn flow<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------------------
// Dates

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm; `days` counts from 1970-01-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// 2019-01-01 and 2025-12-31 as days since 1970-01-01.
const FIRST_DAY: i64 = 17_897;
const LAST_DAY: i64 = 20_453;

fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------
// Text

/// The values a template's placeholders take; the same for both editions.
struct Slots {
    persons: [usize; 2],
    organizations: [usize; 2],
    places: [usize; 2],
    topic: usize,
    n: usize,
    big: usize,
    pct: usize,
    year: i64,
    month: usize,
    url: String,
}

/// One edition being written: which entities it has named already, so that the first
/// mention uses the display name and later ones an alias.
struct Edition {
    lang: usize,
    seen: BTreeSet<usize>,
}

fn attach(prefix: &str, word: &str) -> String {
    // ل + ال is written لل: لل + rest of the word.
    match word.strip_prefix("ال") {
        Some(rest) if prefix.ends_with('ل') => format!("{prefix}ل{rest}"),
        _ => format!("{prefix}{word}"),
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Edition {
    fn name(
        &mut self,
        rng: &mut Lcg,
        registry: &Registry,
        entity: usize,
        compound: bool,
    ) -> String {
        let names = &registry.entities[entity].names[self.lang];
        if compound {
            // "Moscow-based": the shortest name reads best.
            let short = names
                .iter()
                .min_by_key(|n| n.split(' ').count())
                .unwrap_or(&names[0]);
            self.seen.insert(entity);
            return short.clone();
        }
        if self.seen.insert(entity) || rng.chance(35) {
            names[0].clone()
        } else {
            names[1 + rng.below(names.len() - 1)].clone()
        }
    }

    fn render(
        &mut self,
        rng: &mut Lcg,
        registry: &Registry,
        template: &str,
        slots: &Slots,
    ) -> String {
        let female = registry.entities[slots.persons[0]].female;
        let mut out = String::with_capacity(template.len() * 2);
        let mut rest = template;
        while let Some(start) = rest.find(['{', '[']) {
            out.push_str(&rest[..start]);
            let open = rest.as_bytes()[start];
            let close = if open == b'{' { '}' } else { ']' };
            let Some(len) = rest[start..].find(close) else {
                out.push_str(&rest[start..]);
                return out;
            };
            let inner = &rest[start + 1..start + len];
            if open == b'[' {
                // `[a|b]` picks by gender; any other bracket is Markdown, kept as is.
                match inner.split_once('|') {
                    Some((male, fem)) if !inner.contains('{') => {
                        out.push_str(if female { fem } else { male });
                        rest = &rest[start + len + 1..];
                    }
                    _ => {
                        out.push('[');
                        rest = &rest[start + 1..];
                    }
                }
                continue;
            }
            rest = &rest[start + len + 1..];
            let (prefix, key) = inner.split_once(':').unwrap_or(("", inner));
            let value = match key {
                "t" => TOPICS[slots.topic].0.to_string(),
                "n" => slots.n.to_string(),
                "N" if self.lang == EN => thousands(slots.big),
                "N" => slots.big.to_string(),
                "pct" => slots.pct.to_string(),
                "y" => slots.year.to_string(),
                "mon" => MONTHS[slots.month].0.to_string(),
                "url" => slots.url.clone(),
                _ => {
                    let (reference, suffix) = key.split_at(2.min(key.len()));
                    let mut chars = reference.chars();
                    let (kind, index) = (
                        chars.next(),
                        chars.next().and_then(|c| c.to_digit(10)).unwrap_or(1),
                    );
                    let list = match kind {
                        Some('p') => &slots.persons,
                        Some('o') => &slots.organizations,
                        _ => &slots.places,
                    };
                    let entity = list[(index as usize).saturating_sub(1).min(1)];
                    let name = self.name(rng, registry, entity, suffix.starts_with('-'));
                    format!("{name}{suffix}")
                }
            };
            let value = if self.lang == EN {
                match key {
                    "t" => TOPICS[slots.topic].1.to_string(),
                    "mon" => MONTHS[slots.month].1.to_string(),
                    _ => value,
                }
            } else {
                value
            };
            out.push_str(&if prefix.is_empty() {
                value
            } else {
                attach(prefix, &value)
            });
        }
        out.push_str(rest);
        out
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Briefings

struct Event {
    id: Option<String>,
    date: String,
    /// The last day the date could mean, to keep events before the briefings citing them.
    day: i64,
    text: [String; 2],
    entities: Vec<usize>,
}

struct Briefing {
    slug: String,
    date: String,
    updated: Option<String>,
    title: [String; 2],
    summary: [String; 2],
    tags: Vec<usize>,
    entities: Vec<usize>,
    authors: usize,
    events: Vec<usize>,
    sources: Vec<(String, String)>,
    body: [String; 2],
}

struct Writer<'a> {
    rng: Lcg,
    registry: &'a Registry,
    events: Vec<Event>,
    slugs: BTreeSet<String>,
    word_counts: [Vec<usize>; 2],
}

impl Writer<'_> {
    /// Fills the slots from the briefing's own entities; a sentence that needs two of a
    /// kind the briefing has one of borrows from the registry, as real articles do.
    fn slots(&mut self, own: &[usize], day: i64) -> Slots {
        let rng = &mut self.rng;
        let registry = self.registry;
        let two = |kind: Kind, rng: &mut Lcg| {
            let mut mine: Vec<usize> = own
                .iter()
                .copied()
                .filter(|&e| registry.entities[e].kind == kind)
                .collect();
            rng.shuffle(&mut mine);
            while mine.len() < 2 {
                let extra = registry.pick(rng, kind);
                if !mine.contains(&extra) {
                    mine.push(extra);
                }
            }
            [mine[0], mine[1]]
        };
        let persons = two(Kind::Person, rng);
        let organizations = two(Kind::Organization, rng);
        let places = two(Kind::Place, rng);
        let (year, month, _) = civil_from_days(day - rng.range(0, 400) as i64);
        Slots {
            persons,
            organizations,
            places,
            topic: rng.below(TOPICS.len()),
            n: rng.range(11, 95),
            big: rng.range(10, 999) * 100,
            pct: rng.range(3, 60),
            year,
            month: month as usize - 1,
            url: String::new(),
        }
    }

    fn fits(&self, template: &str, own: &[usize]) -> bool {
        let count = |kind| {
            own.iter()
                .filter(|&&e| self.registry.entities[e].kind == kind)
                .count()
        };
        (!template.contains("p2") || count(Kind::Person) >= 2)
            && (!template.contains("o2") || count(Kind::Organization) >= 2)
            && (!template.contains("l2") || count(Kind::Place) >= 2)
    }

    fn both(
        &mut self,
        editions: &mut [Edition; 2],
        pair: (&str, &str),
        slots: &Slots,
    ) -> [String; 2] {
        [
            editions[AR].render(&mut self.rng, self.registry, pair.0, slots),
            editions[EN].render(&mut self.rng, self.registry, pair.1, slots),
        ]
    }

    fn paragraph(
        &mut self,
        editions: &mut [Edition; 2],
        own: &[usize],
        day: i64,
        pool: &mut Vec<usize>,
    ) -> [String; 2] {
        let mut out = [String::new(), String::new()];
        let sentences = self.rng.range(2, 4);
        for i in 0..sentences {
            if pool.is_empty() {
                *pool = (0..NAMED.len() + PLAIN.len()).collect();
                self.rng.shuffle(pool);
            }
            let mut choice = pool.pop().unwrap_or(0);
            // Most sentences should fit the briefing's own entities.
            for _ in 0..4 {
                let template = NAMED.get(choice).map_or("", |t| t.1);
                if self.fits(template, own) || self.rng.chance(10) {
                    break;
                }
                pool.insert(0, choice);
                choice = pool.pop().unwrap_or(0);
            }
            let pair = if choice < NAMED.len() {
                NAMED[choice]
            } else {
                PLAIN[choice - NAMED.len()]
            };
            let slots = self.slots(own, day);
            let [mut ar, mut en] = self.both(editions, pair, &slots);
            if self.rng.chance(25) {
                let opener = self.rng.pick(OPENERS);
                ar = format!("{}{ar}", opener.0);
                en = format!(
                    "{}{}",
                    opener.1,
                    if pair.1.starts_with(['{', '[']) {
                        en
                    } else {
                        lowercase_first(&en)
                    }
                );
            } else if i > 0 && self.rng.chance(60) {
                ar = format!("و{ar}");
            }
            if self.rng.chance(15) {
                let tail = self.rng.pick(TAILS);
                ar.push_str(tail.0);
                en.push_str(tail.1);
            }
            for (lang, text) in [(AR, ar), (EN, capitalize(&en))] {
                if i > 0 {
                    out[lang].push(' ');
                }
                out[lang].push_str(&text);
                out[lang].push('.');
            }
        }
        out
    }

    fn event(&mut self, own: &[usize], day: i64) -> Event {
        let days_before = self.rng.range(0, 90) as i64;
        let event_day = day - days_before;
        let (y, m, d) = civil_from_days(event_day);
        let (date, last_day) = match self.rng.below(10) {
            0 => (format!("{y}"), day),
            1..=3 => (format!("{y:04}-{m:02}"), day),
            _ => (format!("{y:04}-{m:02}-{d:02}"), event_day),
        };
        let (ar, en, keyword) = self.rng.pick(EVENTS);
        let slots = self.slots(own, day);
        let mut entities = Vec::new();
        for (key, list) in [
            ("p", &slots.persons),
            ("o", &slots.organizations),
            ("l", &slots.places),
        ] {
            for (i, &e) in list.iter().enumerate() {
                if en.contains(&format!("{{{key}{}", i + 1)) {
                    entities.push(e);
                }
            }
        }
        let mut editions = [AR, EN].map(|lang| Edition {
            lang,
            seen: BTreeSet::new(),
        });
        let [ar, en] = self.both(&mut editions, (ar, en), &slots);
        let number = self.events.len() + 1;
        Event {
            id: self
                .rng
                .chance(85)
                .then(|| format!("{keyword}-{number:05}")),
            date,
            day: last_day,
            text: [ar, capitalize(&en)],
            entities,
        }
    }

    fn briefing(&mut self, index: usize, pairs: usize) -> Briefing {
        let span = (LAST_DAY - FIRST_DAY) as usize;
        let day =
            FIRST_DAY + (index * span / pairs.max(1) + self.rng.below(span / pairs.max(1))) as i64;
        let (y, m, _) = civil_from_days(day);
        let date = if self.rng.chance(10) {
            format!(
                "{}T{:02}:{:02}:00+03:00",
                ymd(day),
                self.rng.range(6, 22),
                self.rng.below(60)
            )
        } else {
            ymd(day)
        };
        let updated = self
            .rng
            .chance(15)
            .then(|| ymd(day + self.rng.range(1, 3) as i64));

        // Entities: one of each kind, then more, 3 to 8 in all.
        let mut own: Vec<usize> = Vec::new();
        let wanted = self.rng.range(3, 8);
        let kinds = [Kind::Person, Kind::Organization, Kind::Place];
        while own.len() < wanted {
            let kind = if own.len() < 3 {
                kinds[own.len()]
            } else {
                [
                    Kind::Person,
                    Kind::Person,
                    Kind::Organization,
                    Kind::Place,
                    Kind::Place,
                ][self.rng.below(5)]
            };
            let e = self.registry.pick(&mut self.rng, kind);
            if !own.contains(&e) {
                own.push(e);
            }
        }

        // Events: some new, some already reported by an earlier briefing.
        let mut events = Vec::new();
        let count = [0, 1, 1, 1, 2, 2, 2, 3, 3, 0][self.rng.below(10)];
        for _ in 0..count {
            let recent: Vec<usize> = (self.events.len().saturating_sub(60)..self.events.len())
                .filter(|&e| {
                    (day - 365..=day).contains(&self.events[e].day) && !events.contains(&e)
                })
                .collect();
            if !recent.is_empty() && self.rng.chance(40) {
                events.push(self.rng.pick(&recent));
            } else {
                let event = self.event(&own, day);
                self.events.push(event);
                events.push(self.events.len() - 1);
            }
        }

        let mut editions = [AR, EN].map(|lang| Edition {
            lang,
            seen: BTreeSet::new(),
        });
        let main = self.slots(&own, day);
        let title = self.rng.pick(TITLES);
        let title = {
            let mut scratch = [AR, EN].map(|lang| Edition {
                lang,
                seen: BTreeSet::new(),
            });
            let [ar, en] = self.both(&mut scratch, title, &main);
            [ar, capitalize(&en)]
        };
        let summary = {
            let mut scratch = [AR, EN].map(|lang| Edition {
                lang,
                seen: BTreeSet::new(),
            });
            let pair = self.rng.pick(SUMMARIES);
            let [ar, en] = self.both(&mut scratch, pair, &main);
            [ar, capitalize(&en)]
        };
        let mut slug = slugify(&title[EN].split(' ').take(7).collect::<Vec<_>>().join(" "));
        if self.slugs.contains(&slug) {
            let mut n = 2;
            while self.slugs.contains(&format!("{slug}-{n}")) {
                n += 1;
            }
            slug = format!("{slug}-{n}");
        }
        self.slugs.insert(slug.clone());

        let mut body = [String::new(), String::new()];
        let lead = self.rng.pick(LEADS);
        let [ar, en] = self.both(&mut editions, lead, &main);
        let [ar2, en2] = self.paragraph(&mut editions, &own, day, &mut Vec::new());
        body[AR] = format!("{ar}. {ar2}\n");
        body[EN] = format!("{}. {en2}\n", capitalize(&en));

        let mut specials = vec!["link", "list", "quote"];
        if self.rng.chance(25) {
            specials.push("table");
        }
        if self.rng.chance(10) {
            specials.push("code");
        }
        self.rng.shuffle(&mut specials);
        let mut headings: Vec<usize> = (0..HEADINGS.len()).collect();
        self.rng.shuffle(&mut headings);
        let mut pool = Vec::new();
        let target = self.rng.range(600, 820);
        let source_url = format!("https://news.example.org/{y}/{m:02}/{slug}.html");
        let words = |body: &[String; 2]| {
            [
                body[AR].split_whitespace().count(),
                body[EN].split_whitespace().count(),
            ]
        };
        let done = |body: &[String; 2], specials: &Vec<&str>| {
            specials.is_empty() && words(body).iter().sum::<usize>() / 2 >= target
        };
        'sections: while let Some(heading) = headings.pop() {
            let slots = self.slots(&own, day);
            let [ar, en] = self.both(&mut editions, HEADINGS[heading], &slots);
            let _ = write!(body[AR], "\n## {ar}\n");
            let _ = write!(body[EN], "\n## {}\n", capitalize(&en));
            for p in 0..self.rng.range(1, 3) {
                let [ar, en] = self.paragraph(&mut editions, &own, day, &mut pool);
                let _ = write!(body[AR], "\n{ar}\n");
                let _ = write!(body[EN], "\n{en}\n");
                if p == 0
                    && let Some(special) = specials.pop()
                {
                    let [ar, en] = self.special(&mut editions, &own, day, special, &source_url);
                    body[AR].push_str(&ar);
                    body[EN].push_str(&en);
                }
                if done(&body, &specials) {
                    break 'sections;
                }
            }
        }
        for lang in [AR, EN] {
            let count = body[lang].split_whitespace().count();
            self.word_counts[lang].push(count);
        }

        let mut tags: Vec<usize> = Vec::new();
        for _ in 0..self.rng.range(2, 4) {
            let tag = self.rng.skewed(TAGS.len());
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let organization = self.registry.entities[main.organizations[0]].names[EN][0].clone();
        let mut sources = vec![(format!("{organization} report"), source_url)];
        if self.rng.chance(40) {
            sources.push((
                format!("Statement, {}", ymd(day)),
                format!("https://press.example.org/{y}/{slug}"),
            ));
        }
        Briefing {
            slug,
            date,
            updated,
            title,
            summary,
            tags,
            entities: own,
            authors: if self.rng.chance(40) {
                usize::MAX
            } else {
                self.rng.below(AUTHORS.len())
            },
            events,
            sources,
            body,
        }
    }

    fn special(
        &mut self,
        editions: &mut [Edition; 2],
        own: &[usize],
        day: i64,
        kind: &str,
        url: &str,
    ) -> [String; 2] {
        let mut slots = self.slots(own, day);
        slots.url = url.to_string();
        let out;
        match kind {
            "link" => {
                let link = self.rng.pick(LINKS);
                let [ar, en] = self.both(editions, link, &slots);
                out = [format!("\n{ar}.\n"), format!("\n{}.\n", capitalize(&en))];
            }
            "list" => {
                let intro = self.rng.pick(LIST_INTROS);
                let mut list = [format!("\n{}\n\n", intro.0), format!("\n{}\n\n", intro.1)];
                let numbered = self.rng.chance(40);
                let mut items: Vec<usize> = (0..LIST_ITEMS.len()).collect();
                self.rng.shuffle(&mut items);
                for (i, &item) in items.iter().take(self.rng.range(3, 5)).enumerate() {
                    let slots = self.slots(own, day);
                    let [ar, en] = self.both(editions, LIST_ITEMS[item], &slots);
                    let marker = if numbered {
                        format!("{}.", i + 1)
                    } else {
                        "-".to_string()
                    };
                    let _ = writeln!(list[AR], "{marker} {ar}");
                    let _ = writeln!(list[EN], "{marker} {}", capitalize(&en));
                }
                out = list;
            }
            "quote" => {
                let (intro, quote) = (self.rng.pick(QUOTE_INTROS), self.rng.pick(QUOTES));
                let [intro_ar, intro_en] = self.both(editions, intro, &slots);
                let [ar, en] = self.both(editions, quote, &slots);
                let speaker = slots.persons[0];
                let name_ar = editions[AR].name(&mut self.rng, self.registry, speaker, false);
                let name_en = editions[EN].name(&mut self.rng, self.registry, speaker, false);
                out = [
                    format!("\n{intro_ar}\n\n> «{ar}».\n>\n> — {name_ar}\n"),
                    format!(
                        "\n{}\n\n> “{en}.”\n>\n> — {name_en}\n",
                        capitalize(&intro_en)
                    ),
                ];
            }
            "table" => {
                let (ar, en) = self.rng.pick(TABLES);
                let mut table = [
                    format!(
                        "\nويوضح الجدول التالي تطور المؤشر خلال السنوات الأخيرة:\n\n| السنة | {ar} | التغير |\n| --- | ---: | ---: |\n"
                    ),
                    format!(
                        "\nThe table below shows how the indicator has changed in recent years:\n\n| Year | {en} | Change |\n| --- | ---: | ---: |\n"
                    ),
                ];
                let mut value = self.rng.range(200, 5000);
                for year in slots.year - 3..=slots.year {
                    let change = self.rng.range(0, 30) as i64 - 12;
                    value = (value as i64 * (100 + change) / 100).max(1) as usize;
                    let row = format!("| {year} | {value} | {change:+}% |\n");
                    table[AR].push_str(&row);
                    table[EN].push_str(&row);
                }
                out = table;
            }
            _ => {
                let organization = &self.registry.entities[slots.organizations[0]].names[EN][0];
                let code = match self.rng.below(3) {
                    0 => format!(
                        "```json\n{{\n  \"source\": \"{organization}\",\n  \"year\": {},\n  \"indicator\": \"trade_volume\",\n  \"value\": {}\n}}\n```\n",
                        slots.year, slots.big
                    ),
                    1 => format!(
                        "```yaml\nsource: {organization}\nyear: {}\nindicators:\n  - name: aid_deliveries\n    value: {}\n```\n",
                        slots.year, slots.big
                    ),
                    _ => format!(
                        "```python\nrows = load(\"indicators-{}.csv\", source=\"{organization}\")\ntotal = sum(r.value for r in rows if r.year == {} and r.value < {})\nprint(f\"{{total:,}}\")\n```\n",
                        slots.year, slots.year, slots.big
                    ),
                };
                out = [
                    format!("\nونشرت الجهة المعنية البيانات الخام بالصيغة التالية:\n\n{code}"),
                    format!("\nThe raw data were published in the following format:\n\n{code}"),
                ];
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Output

fn front_matter(
    b: &Briefing,
    lang: usize,
    registry: &Registry,
    events: &[Event],
    hugo: bool,
) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quote(&b.title[lang]));
    let _ = writeln!(out, "date: {}", b.date);
    if let Some(updated) = &b.updated {
        let _ = writeln!(
            out,
            "{}: {updated}",
            if hugo { "lastmod" } else { "updated" }
        );
    }
    let _ = writeln!(out, "summary: {}", quote(&b.summary[lang]));
    let tags: Vec<&str> = b
        .tags
        .iter()
        .map(|&t| if lang == AR { TAGS[t].0 } else { TAGS[t].1 })
        .collect();
    let _ = writeln!(out, "tags: {}", flow(&tags));
    let ids: Vec<&str> = b
        .entities
        .iter()
        .map(|&e| registry.entities[e].id.as_str())
        .collect();
    let _ = writeln!(out, "entities: [{}]", ids.join(", "));
    let author = AUTHORS
        .get(b.authors)
        .copied()
        .unwrap_or(("هيئة التحرير", "Editorial desk"));
    let _ = writeln!(
        out,
        "authors: [{}]",
        quote(if lang == AR { author.0 } else { author.1 })
    );
    if !b.events.is_empty() {
        out.push_str("events:\n");
        for &e in &b.events {
            let event = &events[e];
            match &event.id {
                Some(id) => {
                    let _ = writeln!(out, "  - id: {id}\n    date: {}", event.date);
                }
                None => {
                    let _ = writeln!(out, "  - date: {}", event.date);
                }
            }
            let _ = writeln!(out, "    text: {}", quote(&event.text[lang]));
            let ids: Vec<&str> = event
                .entities
                .iter()
                .map(|&e| registry.entities[e].id.as_str())
                .collect();
            let _ = writeln!(out, "    entities: [{}]", ids.join(", "));
        }
    }
    out.push_str("sources:\n");
    for (title, url) in &b.sources {
        let _ = writeln!(out, "  - title: {}\n    url: {url}", quote(title));
    }
    out.push_str("---\n\n");
    out
}

const BRIEF_YAML: &str = "# Generated by examples/gen_corpus.rs: a benchmark site.
title:
  ar: موجز الإحاطات
  en: The Briefings Desk
description:
  ar: إحاطات قصيرة عن السياسة والاقتصاد في المنطقة، مولّدة لقياس الأداء.
  en: Short briefings on regional politics and economics, generated for benchmarking.
base_url: https://example.github.io/bench/
languages:
  - code: ar
    name: العربية
    date_style: dual
    digits: western
  - code: en
    name: English
    date_style: english
paginate: 10
entity_links: first
";

fn generate(options: &Options) -> Result<()> {
    ensure_empty(&options.out)?;
    if let Some(hugo) = &options.hugo {
        ensure_empty(hugo)?;
    }
    let mut rng = Lcg::new(options.seed);
    let registry = Registry::build(&mut rng);
    let mut writer = Writer {
        rng,
        registry: &registry,
        events: Vec::new(),
        slugs: BTreeSet::new(),
        word_counts: [Vec::new(), Vec::new()],
    };
    let briefings: Vec<Briefing> = (0..options.pairs)
        .map(|i| writer.briefing(i, options.pairs))
        .collect();
    let events = std::mem::take(&mut writer.events);

    let entities_yaml = registry.yaml();
    write(&options.out.join("brief.yaml"), BRIEF_YAML)?;
    write(&options.out.join("content/entities.yaml"), &entities_yaml)?;
    let mut markdown_bytes = 0;
    for b in &briefings {
        for (lang, code) in [(AR, "ar"), (EN, "en")] {
            let text = format!(
                "{}{}",
                front_matter(b, lang, &registry, &events, false),
                b.body[lang]
            );
            markdown_bytes += text.len();
            write(
                &options
                    .out
                    .join(format!("content/briefings/{}/index.{code}.md", b.slug)),
                &text,
            )?;
        }
    }
    if let Some(hugo) = &options.hugo {
        write_hugo(hugo, &briefings, &registry, &events, &entities_yaml)?;
    }

    let stats = |counts: &[usize]| {
        let total: usize = counts.iter().sum();
        let (min, max) = (
            counts.iter().min().copied().unwrap_or(0),
            counts.iter().max().copied().unwrap_or(0),
        );
        format!("{min}/{}/{max}", total / counts.len().max(1))
    };
    let shared = {
        let mut uses = vec![0usize; events.len()];
        for b in &briefings {
            for &e in &b.events {
                uses[e] += 1;
            }
        }
        uses.iter().filter(|&&u| u > 1).count()
    };
    println!(
        "{} pairs, {} entities, {} events ({} shared), {:.1} MB of Markdown; words per edition (min/mean/max): ar {}, en {}",
        briefings.len(),
        registry.entities.len(),
        events.len(),
        shared,
        markdown_bytes as f64 / 1e6,
        stats(&writer.word_counts[AR]),
        stats(&writer.word_counts[EN]),
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The equivalent Hugo site

const HUGO_TOML: &str = r#"# Generated by examples/gen_corpus.rs: the Hugo twin of the brief benchmark site.
baseURL = "https://example.github.io/bench/"
defaultContentLanguage = "ar"
defaultContentLanguageInSubdir = true
enableRobotsTXT = true
disableAliases = true
title = "The Briefings Desk"

[pagination]
  pagerSize = 10

# brief highlights code with CSS classes too.
[markup.highlight]
  noClasses = false

[taxonomies]
  tag = "tags"
  entity = "entities"

[outputs]
  home = ["html", "rss"]
  page = ["html"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]

[languages.ar]
  label = "العربية"
  direction = "rtl"
  locale = "ar"
  title = "موجز الإحاطات"
  weight = 1
  [languages.ar.params]
    description = "إحاطات قصيرة عن السياسة والاقتصاد في المنطقة، مولّدة لقياس الأداء."
    timeline = "الخط الزمني"
    briefings = "الإحاطات"
    tags = "الوسوم"
    entities = "الكيانات"
    events = "الأحداث"
    sources = "المصادر"
    latest = "أحدث الإحاطات"

[languages.en]
  label = "English"
  direction = "ltr"
  locale = "en"
  title = "The Briefings Desk"
  weight = 2
  [languages.en.params]
    description = "Short briefings on regional politics and economics, generated for benchmarking."
    timeline = "Timeline"
    briefings = "Briefings"
    tags = "Tags"
    entities = "Entities"
    events = "Events"
    sources = "Sources"
    latest = "Latest briefings"
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}" dir="{{ or site.Language.Direction "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:locale" content="{{ site.Language.Lang }}">
{{ range .Translations }}<meta property="og:locale:alternate" content="{{ .Language.Lang }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>
<a href="{{ "briefings/" | relLangURL }}">{{ site.Params.briefings }}</a>
<a href="{{ "timeline/" | relLangURL }}">{{ site.Params.timeline }}</a>
<a href="{{ "entities/" | relLangURL }}">{{ site.Params.entities }}</a>
<a href="{{ "tags/" | relLangURL }}">{{ site.Params.tags }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.Label }}</a>{{ end }}
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.description }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "_partials/card.html",
        r#"<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
"#,
    ),
    (
        "_partials/pagination.html",
        r#"{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">←</a>{{ end }}
<span>{{ .PageNumber }} / {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">→</a>{{ end }}
</nav>{{ end }}{{ end }}
"#,
    ),
    (
        "home.html",
        r#"{{ define "main" }}
<h1>{{ site.Params.latest }}</h1>
{{ range first 10 (where site.RegularPages "Section" "briefings").ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}
<p><a href="{{ "briefings/" | relLangURL }}">{{ site.Params.briefings }}</a></p>
{{ end }}
"#,
    ),
    (
        "single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
<ul class="entities">{{ range .GetTerms "entities" }}<li><a href="{{ .RelPermalink }}">{{ with index hugo.Data.entities .Data.Term }}{{ index .names site.Language.Lang 0 }}{{ end }}</a></li>{{ end }}</ul>
{{ .Content }}
{{ with .Params.events }}<section><h2>{{ site.Params.events }}</h2><ol class="timeline">
{{ range . }}<li><time datetime="{{ .date }}">{{ .date }}</time> {{ .text | markdownify }}</li>{{ end }}
</ol></section>{{ end }}
{{ with .Params.sources }}<section><h2>{{ site.Params.sources }}</h2><ul>
{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}
</ul></section>{{ end }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "NewsArticle" "headline" .Title "inLanguage" site.Language.Lang "datePublished" (.Date.Format "2006-01-02T15:04:05Z07:00") "dateModified" (.Lastmod.Format "2006-01-02T15:04:05Z07:00") | jsonify | safeJS }}</script>
{{ end }}
"#,
    ),
    (
        "list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages.ByDate.Reverse }}
{{ range $paginator.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "taxonomy.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ with index hugo.Data.entities .Name }}{{ index .names site.Language.Lang 0 }}{{ else }}{{ .Page.LinkTitle }}{{ end }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "term.html",
        r#"{{ define "main" }}
{{ with index hugo.Data.entities .Data.Term }}
<h1>{{ index .names site.Language.Lang 0 }}</h1>
<p>{{ delimit (index .names "ar") " · " }} — {{ delimit (index .names "en") " · " }}</p>
{{ with .description }}{{ index . site.Language.Lang | markdownify }}{{ end }}
<ol>{{ range $.Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ol>
{{ else }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages.ByDate.Reverse }}
{{ range $paginator.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pagination.html" . }}
{{ end }}
{{ end }}
"#,
    ),
    (
        "timeline.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol class="timeline">
{{ range (where site.RegularPages "Section" "briefings").ByDate }}
{{ range .Params.events }}<li class="event"><time datetime="{{ .date }}">{{ .date }}</time> {{ .text | markdownify }}</li>{{ end }}
<li class="briefing"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ol>
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}<h1>404</h1><p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>{{ end }}
"#,
    ),
];

const HUGO_CSS: &str =
    "body{max-inline-size:42rem;margin-inline:auto;padding-inline:1rem;font-family:serif}
[dir=rtl] body{font-family:'Noto Naskh Arabic',serif;line-height:1.8}
.timeline{border-inline-start:2px solid #ccc;padding-inline-start:1rem}
pre{direction:ltr}
";

fn write_hugo(
    dir: &Path,
    briefings: &[Briefing],
    registry: &Registry,
    events: &[Event],
    entities_yaml: &str,
) -> Result<()> {
    write(&dir.join("hugo.toml"), HUGO_TOML)?;
    for (name, text) in HUGO_LAYOUTS {
        write(&dir.join("layouts").join(name), text)?;
    }
    write(&dir.join("static/style.css"), HUGO_CSS)?;
    write(&dir.join("data/entities.yaml"), entities_yaml)?;
    for (code, timeline, briefings_title) in [
        ("ar", "الخط الزمني", "الإحاطات"),
        ("en", "Timeline", "Briefings"),
    ] {
        write(
            &dir.join(format!("content/timeline.{code}.md")),
            &format!("---\ntitle: {timeline}\nlayout: timeline\n---\n"),
        )?;
        write(
            &dir.join(format!("content/briefings/_index.{code}.md")),
            &format!("---\ntitle: {briefings_title}\n---\n"),
        )?;
    }
    for b in briefings {
        for (lang, code) in [(AR, "ar"), (EN, "en")] {
            let text = format!(
                "{}{}",
                front_matter(b, lang, registry, events, true),
                b.body[lang]
            );
            write(
                &dir.join(format!("content/briefings/{}/index.{code}.md", b.slug)),
                &text,
            )?;
        }
    }
    Ok(())
}
