//! The small markup used in task text: paragraphs, `**bold**`, `*italic*`, `^{superscript}`,
//! `_{subscript}`, `\` escapes, and images on their own line as `![alt](file.png)`. Parsing never
//! fails: anything that is not markup is text.

/// A parsed piece of task text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of styled spans.
    Para(Vec<Span>),
    /// An image from the package's media.
    Image {
        /// Media file name.
        name: String,
        /// Text alternative (read out for the no-pictures variant).
        alt: String,
    },
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Raised, lowered or on the line.
    pub script: Script,
}

/// Vertical position of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    /// On the line.
    #[default]
    Normal,
    /// Superscript.
    Super,
    /// Subscript.
    Sub,
}

/// Parses task text into blocks.
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, blocks: &mut Vec<Block>| {
        if !para.trim().is_empty() {
            blocks.push(Block::Para(spans(para.trim())));
        }
        para.clear();
    };
    for line in source.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut blocks);
        } else if let Some((alt, name)) = image_line(line.trim()) {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Image { name, alt });
        } else {
            if !para.is_empty() {
                para.push('\n');
            }
            para.push_str(line);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// Names of every image the text refers to, in order: the lines `parse` makes images of,
/// found without building the paragraphs (validating a package asks this of every text).
pub fn images(source: &str) -> impl Iterator<Item = String> + '_ {
    // Most texts hold no image: one search over the text says so without walking its lines (a
    // search for one byte first, which is much quicker than for two on a short text).
    let lines = if source.contains('!') && source.contains("![") {
        source
    } else {
        ""
    };
    lines
        .lines()
        .filter_map(|line| image_line(line.trim()).map(|(_, name)| name))
}

/// The text without markup, for logs, the card and accessibility.
pub fn plain(source: &str) -> String {
    let parts: Vec<String> = parse(source)
        .into_iter()
        .map(|b| match b {
            Block::Para(spans) => spans.into_iter().map(|s| s.text).collect(),
            Block::Image { alt, .. } => alt,
        })
        .collect();
    parts.join("\n")
}

fn image_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let name = rest.strip_suffix(')')?;
    (!name.is_empty() && !name.contains(['(', ')', '/', '\\']))
        .then(|| (alt.to_owned(), name.to_owned()))
}

fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut current = Span::default();
    let mut chars = text.chars().peekable();
    let push = |out: &mut Vec<Span>, current: &mut Span| {
        if !current.text.is_empty() {
            let next = Span {
                text: String::new(),
                ..current.clone()
            };
            out.push(std::mem::replace(current, next));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.text.push(chars.next().unwrap_or('\\')),
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                push(&mut out, &mut current);
                current.bold = !current.bold;
            }
            '*' => {
                push(&mut out, &mut current);
                current.italic = !current.italic;
            }
            '^' | '_' if chars.peek() == Some(&'{') && current.script == Script::Normal => {
                let script = if c == '^' { Script::Super } else { Script::Sub };
                let rest: String = chars.clone().skip(1).collect();
                if let Some(end) = rest.find('}') {
                    push(&mut out, &mut current);
                    let inner: String = rest[..end].to_owned();
                    for _ in 0..=inner.chars().count() + 1 {
                        chars.next();
                    }
                    out.push(Span {
                        text: inner,
                        script,
                        ..current.clone()
                    });
                } else {
                    current.text.push(c);
                }
            }
            _ => current.text.push(c),
        }
    }
    push(&mut out, &mut current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span {
            text: text.to_owned(),
            ..Span::default()
        }
    }

    #[test]
    fn plain_text_is_one_paragraph() {
        assert_eq!(
            parse("Абай Құнанбайұлы"),
            vec![Block::Para(vec![span("Абай Құнанбайұлы")])]
        );
    }

    #[test]
    fn styles_and_scripts() {
        let blocks = parse("H_{2}O and x^{2} is **bold** *it*");
        let Block::Para(spans) = &blocks[0] else {
            panic!("not a paragraph")
        };
        let texts: Vec<(&str, Script, bool, bool)> = spans
            .iter()
            .map(|s| (s.text.as_str(), s.script, s.bold, s.italic))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("H", Script::Normal, false, false),
                ("2", Script::Sub, false, false),
                ("O and x", Script::Normal, false, false),
                ("2", Script::Super, false, false),
                (" is ", Script::Normal, false, false),
                ("bold", Script::Normal, true, false),
                (" ", Script::Normal, false, false),
                ("it", Script::Normal, false, true),
            ]
        );
    }

    #[test]
    fn images_on_their_own_line() {
        let blocks = parse("Look:\n![graph of v(t)](graph.svg)\nthen answer");
        assert_eq!(blocks.len(), 3);
        assert_eq!(
            blocks[1],
            Block::Image {
                name: "graph.svg".to_owned(),
                alt: "graph of v(t)".to_owned()
            }
        );
        assert_eq!(
            images("a\n![x](a.png)\n\n![y](b.svg)").collect::<Vec<_>>(),
            ["a.png", "b.svg"]
        );
    }

    #[test]
    fn broken_markup_is_text() {
        assert_eq!(
            plain("x^{2 and _{ and \\* and ![a](../etc)"),
            "x^{2 and _{ and * and ![a](../etc)"
        );
        assert_eq!(plain("a\n\nb"), "a\nb");
    }
}
