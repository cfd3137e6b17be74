//! Which files in `content/` are read: `.markdown` like `.md`, and a skipped `_`- or
//! `.`-prefixed directory that holds Markdown is a warning naming it and the rule.

use crate::support::{Site, stderr, stdout};

#[test]
fn markdown_extension_files_are_articles() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/bootloader.ar.markdown",
        "---\ntitle: \"محمل الإقلاع Bootloader ١\"\ndate: 2015-07-20\n---\n\nأول درس في OSDev.\n",
    );
    site.build(&[]);
    let page = site.read("public/ar/posts/bootloader/index.html");
    assert!(page.contains("محمل الإقلاع"), "{page}");
    let out = site.brief(&["check"]);
    assert!(
        stdout(&out).contains("in 6 content files"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_skipped_directory_with_markdown_is_named_with_the_rule() {
    let site = Site::fixture("basic");
    for name in ["2015-07-20-intro.markdown", "2016-01-02-gdt.md"] {
        site.write(
            &format!("content/_posts/{name}"),
            "---\ntitle: \"درس GDT\"\ndate: 2016-01-02\n---\nنص\n",
        );
    }
    site.write(
        "content/.drafts/idea.ar.md",
        "---\ntitle: فكرة\ndate: 2025-01-01\n---\n",
    );
    // No Markdown: nothing to say.
    site.write("content/_data/authors.yml", "ahmad: أحمد\n");
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("warning: `content/_posts/` is skipped with its 2 Markdown files: files and directories whose names start with `_` are not published"),
        "{err}"
    );
    assert!(
        err.contains("help: to publish them, rename it to `content/posts/`, or import the Jekyll site with `brief import jekyll`"),
        "{err}"
    );
    assert!(
        err.contains("`content/.drafts/` is skipped with its 1 Markdown file: files and directories whose names start with `.` are not published"),
        "{err}"
    );
    assert!(!err.contains("_data"), "{err}");
    assert!(stdout(&out).contains("2 warnings"), "{}", stdout(&out));
    let out = site.brief(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("content/_posts/"), "{}", stdout(&out));
}
