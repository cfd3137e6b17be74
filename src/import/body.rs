//! A page's body → the template tags left in it (Liquid, Hugo shortcodes) and the
//! local files it refers to (raw HTML `src`/`href`, Markdown links and images).

/// Liquid tags (`{% … %}`, `{{ … }}`) and Hugo shortcodes (`{{< … >}}`, `{{% … %}}`)
/// in a body: (line, the tag), for the report. They are left in place.
pub fn template_tags(body: &str, body_line: usize) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut in_fence = false;
    for (i, line) in body.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let mut rest = line;
        while let Some(start) = rest.find(['{']) {
            let tail = &rest[start..];
            let close = if tail.starts_with("{%") {
                Some("%}")
            } else if tail.starts_with("{{") {
                Some("}}")
            } else {
                None
            };
            match close.and_then(|c| tail.find(c).map(|end| end + c.len())) {
                Some(end) if !in_fence || tail.starts_with("{%") => {
                    found.push((body_line + i, tail[..end].to_string()));
                    rest = &tail[end..];
                }
                _ => rest = &tail[1..],
            }
        }
    }
    found
}

/// `/images/x.png` and `images/x.png` in raw HTML `src`/`href` and Markdown links and
/// images: the local paths a body refers to.
pub fn referenced_paths(body: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for marker in ["src=\"", "src='", "href=\"", "href='", "](", "srcset=\""] {
        for (i, _) in body.match_indices(marker) {
            let rest = &body[i + marker.len()..];
            let end = rest
                .find(['"', '\'', ')', ' ', '\n', '#', '?'])
                .unwrap_or(rest.len());
            let url = rest[..end].trim();
            if url.is_empty()
                || url.contains("://")
                || url.starts_with("//")
                || url.starts_with("mailto:")
            {
                continue;
            }
            paths.push(url.to_string());
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_tags_are_found_with_their_lines() {
        let body = "مقدمة {% include toc.html %} ثم\n\n{{< youtube abc >}}\n```\n{{ not.liquid }}\n```\n{{ page.title }} و {{% notice %}}\n";
        assert_eq!(
            template_tags(body, 10),
            [
                (10, "{% include toc.html %}".to_string()),
                (12, "{{< youtube abc >}}".to_string()),
                (16, "{{ page.title }}".to_string()),
                (16, "{{% notice %}}".to_string()),
            ]
        );
    }

    #[test]
    fn referenced_paths_in_html_and_markdown() {
        let body = "<img src=\"/images/boot.png\" alt=\"x\"> <image src='/images/gdt.svg'/>\n![شكل](diagram.png) [موقع](https://example.org/) [صفحة](/about/#top)";
        assert_eq!(
            referenced_paths(body),
            [
                "/images/boot.png",
                "/images/gdt.svg",
                "diagram.png",
                "/about/"
            ]
        );
    }
}
