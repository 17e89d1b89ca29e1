//! Task text with its markup (paragraphs, bold, italic, raised and lowered text) and images
//! rendered from the package's media.

use iced::widget::{Column, column, container, image, rich_text, span, svg, text};
use iced::{Element, Font, Length, font};

use crate::exam::Paper;
use crate::exam::rich::{self, Block, Script};
use crate::ui::FONT_NAME;
use crate::ui::theme::metrics;

/// Task text with its markup: paragraphs, bold, italic, raised and lowered text, and images.
pub fn rich<'a, M: 'a>(paper: &'a Paper, source: &str, size: f32) -> Element<'a, M> {
    rich_text_of(paper, source, size, false)
}

/// Task text struck through: an option the candidate ruled out.
pub fn rich_struck<'a, M: 'a>(paper: &'a Paper, source: &str, size: f32) -> Element<'a, M> {
    rich_text_of(paper, source, size, true)
}

fn rich_text_of<'a, M: 'a>(
    paper: &'a Paper,
    source: &str,
    size: f32,
    struck: bool,
) -> Element<'a, M> {
    let blocks = rich::parse(source).into_iter().map(|block| match block {
        Block::Para(spans) => {
            let spans: Vec<iced::widget::text::Span<'a, (), Font>> = spans
                .into_iter()
                .map(|s| {
                    let body = match s.script {
                        Script::Normal => s.text,
                        Script::Super => raise(&s.text, SUPER),
                        Script::Sub => raise(&s.text, SUB),
                    };
                    let font = Font {
                        weight: if s.bold {
                            font::Weight::Bold
                        } else {
                            font::Weight::Normal
                        },
                        style: if s.italic {
                            font::Style::Italic
                        } else {
                            font::Style::Normal
                        },
                        ..Font::with_name(FONT_NAME)
                    };
                    span(body).font(font).strikethrough(struck)
                })
                .collect();
            rich_text(spans).size(size).width(Length::Fill).into()
        }
        Block::Image { name, alt } => media(paper, &name, alt),
    });
    Column::with_children(blocks)
        .spacing(metrics::GAP_SMALL)
        .width(Length::Fill)
        .into()
}

fn media<'a, M: 'a>(paper: &'a Paper, name: &str, alt: String) -> Element<'a, M> {
    let Some(bytes) = paper.media.get(name) else {
        return text(alt).size(metrics::SMALL).into();
    };
    let picture: Element<'a, M> = if std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        svg(svg::Handle::from_memory(bytes.clone()))
            .width(Length::Fixed(metrics::FIGURE_WIDTH))
            .into()
    } else {
        image(image::Handle::from_bytes(bytes.clone()))
            .width(Length::Fixed(metrics::FIGURE_WIDTH))
            .into()
    };
    column![container(picture), text(alt).size(metrics::SMALL)]
        .spacing(metrics::GAP_SMALL)
        .into()
}

const SUPER: [(char, char); 14] = [
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('n', 'ⁿ'),
];

const SUB: [(char, char); 14] = [
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('x', 'ₓ'),
];

/// Raised or lowered text as Unicode super/subscript characters; text with characters that have
/// none keeps a visible `^(...)` or `_(...)` so nothing is lost.
fn raise(s: &str, table: [(char, char); 14]) -> String {
    let mapped: Option<String> = s
        .chars()
        .map(|c| table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v))
        .collect();
    mapped.unwrap_or_else(|| {
        let mark = if table == SUPER { '^' } else { '_' };
        format!("{mark}({s})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_and_lowered_text() {
        assert_eq!(raise("2", SUPER), "²");
        assert_eq!(raise("-1", SUPER), "⁻¹");
        assert_eq!(raise("2", SUB), "₂");
        assert_eq!(raise("ab", SUPER), "^(ab)");
    }
}
