//! Writing the site: pages go into a staging directory beside the output, which is
//! swapped in only when every page succeeded, so a failed build leaves the previous
//! output as it was. Also the site-wide files: static assets, `.nojekyll`, `CNAME`,
//! `robots.txt`, `sitemap.xml`, Atom feeds and the JSON data.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::pages::{self, Page};
use crate::site::Site;

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a fresh staging directory next to `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let target = absolute(target)?;
        let name = target
            .file_name()
            .ok_or_else(|| Error::Usage(format!("cannot write the site to {}", target.display())))?
            .to_string_lossy()
            .into_owned();
        if target.is_dir()
            && !target.join(".nojekyll").exists()
            && std::fs::read_dir(&target)
                .map_err(Error::io(&target))?
                .next()
                .is_some()
        {
            return Err(Error::Usage(format!(
                "refusing to replace {}: it is not empty and brief did not write it (it has no .nojekyll); remove it or choose another --output",
                target.display()
            )));
        }
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&parent).map_err(Error::io(&parent))?;
        let dir = parent.join(format!(".{name}.brief-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(Error::io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
        Ok(Staging {
            target,
            dir,
            committed: false,
        })
    }

    /// Writes one file at `relative` (a `/`-separated path inside the site).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let relative = Path::new(relative);
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Error::Usage(format!(
                "refusing to write outside the output directory: {}",
                relative.display()
            )));
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        std::fs::write(&path, bytes).map_err(Error::io(&path))
    }

    /// Swaps the staged site in place of the old output.
    pub fn commit(mut self) -> Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.brief-old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(Error::io(&self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the old output back rather than leave nothing.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target)(e));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old).map_err(Error::io(&old))?;
        }
        Ok(())
    }
}

/// `remove_dir_all`, spread over threads: removing the previous output (thousands
/// of directories) is a good part of a build's time otherwise.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<std::fs::DirEntry> =
        std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        let cwd = std::env::current_dir().map_err(Error::io("."))?;
        Ok(crate::site::normalize(&cwd.join(path)))
    }
}

/// Everything that is not a page: returns the number of files written.
pub fn write_site_files(site: &Site, plan: &[Page], staging: &Staging) -> Result<usize> {
    let mut count = 0;
    let mut write = |path: &str, bytes: &[u8]| -> Result<()> {
        count += 1;
        staging.write(path, bytes)
    };
    for (name, bytes) in crate::render::theme::STATIC {
        write(&format!("assets/{name}"), bytes)?;
    }
    let mut statics = Vec::new();
    if let Some(theme) = &site.config.theme {
        statics.push(site.root.join("themes").join(theme).join("static"));
    }
    statics.push(site.root.join("static"));
    for dir in statics.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry =
                entry.map_err(|e| Error::Usage(format!("cannot read {}: {e}", dir.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let bytes = std::fs::read(entry.path()).map_err(Error::io(entry.path()))?;
            write(&relative.to_string_lossy().replace('\\', "/"), &bytes)?;
        }
    }
    write(".nojekyll", b"")?;
    if let Some(cname) = &site.config.cname {
        write("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
    }
    write(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink("sitemap.xml")
        )
        .as_bytes(),
    )?;
    // The data files are independent of each other: made in parallel.
    type Make<'a> = Box<dyn Fn() -> Vec<u8> + Send + Sync + 'a>;
    let mut files: Vec<(String, Make)> = vec![
        (
            "sitemap.xml".into(),
            Box::new(|| sitemap(site, plan).into_bytes()),
        ),
        (
            "entities.json".into(),
            Box::new(|| crate::data::entities_json(site)),
        ),
    ];
    for lang in &site.config.languages {
        let code = lang.code.as_str();
        files.push((
            format!("{code}/atom.xml"),
            Box::new(move || crate::feed::atom(site, code).into_bytes()),
        ));
        files.push((
            format!("{code}/search.json"),
            Box::new(move || pages::search_index(site, code)),
        ));
        files.push((
            format!("{code}/timeline.json"),
            Box::new(move || crate::data::timeline_json(site, code)),
        ));
        files.push((
            format!("{code}/timeline.timelinejs.json"),
            Box::new(move || crate::data::timelinejs(site, code)),
        ));
    }
    files
        .par_iter()
        .try_for_each(|(path, make)| staging.write(path, &make()))?;
    Ok(count + files.len())
}

/// `sitemap.xml` with `xhtml:link` hreflang alternates for every translated page.
fn sitemap(site: &Site, plan: &[Page]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in plan {
        let Some(url) = page.url_path(site) else {
            continue;
        };
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            xml_escape(&encode_url(&site.permalink(&url)))
        );
        if let Some(date) = page.lastmod(site) {
            let _ = writeln!(xml, "    <lastmod>{date}</lastmod>");
        }
        let alternates = page.alternates(site);
        if alternates.len() > 1 {
            for (lang, path) in &alternates {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                    xml_escape(&encode_url(&site.permalink(path)))
                );
            }
            if let Some(default) = page.x_default(site) {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    xml_escape(&encode_url(&site.permalink(&default)))
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Percent-encodes what a URL in XML must not carry raw (non-ASCII, spaces).
pub fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() && !c.is_ascii_whitespace() && c != '"' && c != '<' && c != '>' {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_arabic_paths() {
        assert_eq!(
            encode_url("https://x.org/ar/tags/سوريا/"),
            "https://x.org/ar/tags/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/"
        );
    }

    #[test]
    fn refuses_to_write_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(staging.write("ar/index.html", b"x").is_ok());
    }

    #[test]
    fn a_dropped_staging_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join(".nojekyll"), b"").unwrap();
        std::fs::write(target.join("old.html"), b"old").unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging.write("new.html", b"new").unwrap();
        }
        assert_eq!(std::fs::read(target.join("old.html")).unwrap(), b"old");
        assert!(!target.join("new.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_to_replace_a_foreign_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), b"x").unwrap();
        assert!(Staging::new(dir.path()).is_err());
    }
}
