//! Where the GitHub Pages workflow gets `brief` from (`--install crates.io` or
//! `git:URL[@REV]`) → the workflow's `env:` block and its install steps.

use crate::error::{Error, Result};

/// The crates.io package that holds the `brief` binary.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// How the workflow installs `brief`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Install {
    /// The crates.io package at the version of the `brief` that wrote the workflow.
    #[default]
    CratesIo,
    /// Built from a git repository, at `rev` (a branch, tag or commit) or its HEAD.
    Git { url: String, rev: Option<String> },
}

impl Install {
    /// `crates.io`, `git:URL` or `git:URL@REV`. The REV is what follows the last `@`
    /// in the repository's path, so `git:git@github.com:org/brief` has none.
    pub fn parse(text: &str) -> Result<Install> {
        let usage = |why: &str| {
            Error::Usage(format!(
                "--install {text}: {why}; write `crates.io` or `git:URL[@REV]`, for example `git:https://github.com/org/brief@v0.2.0`"
            ))
        };
        if text == "crates.io" {
            return Ok(Install::CratesIo);
        }
        let Some(source) = text.strip_prefix("git:") else {
            return Err(usage("unknown source"));
        };
        // Where the repository's path starts: after `scheme://host`, or after the
        // `host:` of an scp-like address (git@github.com:org/brief).
        let path_start = match source.find("://") {
            Some(i) => source[i + 3..]
                .find('/')
                .map_or(source.len(), |j| i + 3 + j),
            None => source.find(':').unwrap_or(0),
        };
        let (url, rev) = match source[path_start..].rfind('@') {
            Some(i) => (
                &source[..path_start + i],
                Some(&source[path_start + i + 1..]),
            ),
            None => (source, None),
        };
        // Both land in YAML strings and shell words: keep them to plain characters.
        let plain = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~/:@+%".contains(c))
        };
        if !plain(url) {
            return Err(usage(
                "the repository URL is empty or has characters a URL does not",
            ));
        }
        if rev.is_some_and(|rev| !plain(rev) || rev.contains(':') || rev.starts_with('-')) {
            return Err(usage("the REV after `@` must be a branch, tag or commit"));
        }
        Ok(Install::Git {
            url: url.to_string(),
            rev: rev.map(str::to_string),
        })
    }

    /// The lines of the workflow's top-level `env:` block.
    pub fn env(&self) -> String {
        match self {
            Install::CratesIo => format!(
                "  # The brief this site was made with: the crates.io package {PACKAGE} at\n  \
                 # exactly this version. `brief init --install git:URL[@REV]` writes a\n  \
                 # workflow that builds brief from a repository instead.\n  \
                 BRIEF_VERSION: \"{}\"\n",
                env!("CARGO_PKG_VERSION")
            ),
            Install::Git { url, rev } => format!(
                "  # brief is built from this repository, at BRIEF_REV (a branch, tag or\n  \
                 # commit; empty: the repository's HEAD). Written by brief {}.\n  \
                 BRIEF_GIT: \"{url}\"\n  \
                 BRIEF_REV: \"{}\"\n",
                env!("CARGO_PKG_VERSION"),
                rev.as_deref().unwrap_or("")
            ),
        }
    }

    /// The steps that put `brief` on the PATH, cached between runs.
    pub fn steps(&self) -> String {
        match self {
            Install::CratesIo => format!(
                "      - name: Cache brief
        id: cache-brief
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/brief
          key: {PACKAGE}-${{{{ runner.os }}}}-${{{{ env.BRIEF_VERSION }}}}
      - name: Install brief
        if: steps.cache-brief.outputs.cache-hit != 'true'
        run: cargo install {PACKAGE} --locked --version \"$BRIEF_VERSION\"
"
            ),
            Install::Git { .. } => format!(
                "      - name: Find brief's commit
        id: brief-commit
        # The cache is keyed by commit, so a moving branch is rebuilt when it moves.
        run: |
          rev=\"${{BRIEF_REV:-HEAD}}\"
          if [[ \"$rev\" =~ ^[0-9a-f]{{40}}$ ]]; then
            commit=\"$rev\"
          else
            # An annotated tag's commit is its peeled `^{{}}` line.
            commit=$(git ls-remote \"$BRIEF_GIT\" \"$rev\" \"$rev^{{}}\" | awk -v r=\"$rev\" '
              $2 == r || $2 == \"refs/heads/\" r || $2 == \"refs/tags/\" r {{ c = $1 }}
              $2 == \"refs/tags/\" r \"^{{}}\" {{ p = $1 }}
              END {{ print (p != \"\" ? p : c) }}')
          fi
          if [ -z \"$commit\" ]; then
            echo \"::error::$BRIEF_GIT has no branch or tag named $rev\"
            exit 1
          fi
          echo \"commit=$commit\" >> \"$GITHUB_OUTPUT\"
      - name: Cache brief
        id: cache-brief
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/brief
          key: {PACKAGE}-git-${{{{ runner.os }}}}-${{{{ steps.brief-commit.outputs.commit }}}}
      - name: Install brief
        if: steps.cache-brief.outputs.cache-hit != 'true'
        run: cargo install {PACKAGE} --locked --git \"$BRIEF_GIT\" --rev \"${{{{ steps.brief-commit.outputs.commit }}}}\"
"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_sources_parse() {
        let git = |url: &str, rev: Option<&str>| {
            Ok(Install::Git {
                url: url.to_string(),
                rev: rev.map(str::to_string),
            })
        };
        let cases: [(&str, std::result::Result<Install, &str>); 10] = [
            ("crates.io", Ok(Install::CratesIo)),
            (
                "git:https://github.com/org/brief",
                git("https://github.com/org/brief", None),
            ),
            (
                "git:https://github.com/org/brief@v0.2.0",
                git("https://github.com/org/brief", Some("v0.2.0")),
            ),
            (
                "git:https://user@git.example.org/desk/brief.git@release/1.0",
                git(
                    "https://user@git.example.org/desk/brief.git",
                    Some("release/1.0"),
                ),
            ),
            (
                "git:git@github.com:org/brief",
                git("git@github.com:org/brief", None),
            ),
            (
                "git:git@github.com:org/brief@main",
                git("git@github.com:org/brief", Some("main")),
            ),
            ("cargo", Err("unknown source")),
            ("git:", Err("the repository URL is empty")),
            (
                "git:https://github.com/org/brief@",
                Err("must be a branch, tag or commit"),
            ),
            (
                "git:https://github.com/org/brief\"; rm -rf ~",
                Err("has characters"),
            ),
        ];
        for (text, expected) in cases {
            match (Install::parse(text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{text}"),
                (Err(got), Err(want)) => assert!(got.to_string().contains(want), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }
}
