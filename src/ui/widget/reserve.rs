//! Room for the widest of several labels: a line whose words change (the saved badge's "No
//! answer yet", "Saving…", "✓ Saved") keeps one width, its content set to the right of it. A
//! width that followed the words would give the widgets beside it new room at each change, and
//! the renderer would lay out and redraw all of their text for one changed line.

use iced::advanced::layout::{self, Layout};
use iced::advanced::text::{self as core_text, Paragraph as _};
use iced::advanced::widget::{Operation, Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, mouse, renderer};
use iced::{Element, Event, Font, Length, Pixels, Point, Rectangle, Size, Theme};

type Paragraph = <iced::Renderer as core_text::Renderer>::Paragraph;

/// `content`, in a box as wide as the widest of `labels` set at `size` in `font` (never wider
/// than the room there is), content to the right.
pub fn reserve<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    labels: Vec<String>,
    size: f32,
    font: Font,
) -> Element<'a, Message> {
    Element::new(Reserve {
        content: content.into(),
        labels,
        size,
        font,
    })
}

struct Reserve<'a, Message> {
    content: Element<'a, Message>,
    labels: Vec<String>,
    size: f32,
    font: Font,
}

/// The labels last measured and the widest width among them.
#[derive(Default)]
struct State {
    labels: Vec<String>,
    size: f32,
    font: Font,
    width: f32,
}

impl<Message> Reserve<'_, Message> {
    /// The widest label's width, measured once for each set of labels.
    fn width(&self, state: &mut State) -> f32 {
        if state.labels != self.labels
            || state.size.to_bits() != self.size.to_bits()
            || state.font != self.font
        {
            state.width = self
                .labels
                .iter()
                .map(|label| {
                    Paragraph::with_text(core_text::Text {
                        content: label.as_str(),
                        bounds: Size::INFINITE,
                        size: Pixels(self.size),
                        line_height: core_text::LineHeight::default(),
                        font: self.font,
                        align_x: core_text::Alignment::Default,
                        align_y: iced::alignment::Vertical::Top,
                        shaping: core_text::Shaping::default(),
                        wrapping: core_text::Wrapping::None,
                    })
                    .min_width()
                })
                .fold(0.0, f32::max)
                .ceil();
            state.labels.clone_from(&self.labels);
            state.size = self.size;
            state.font = self.font;
        }
        state.width
    }
}

impl<Message> Widget<Message, Theme, iced::Renderer> for Reserve<'_, Message> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        Size::new(Length::Shrink, Length::Shrink)
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let widest = self.width(tree.state.downcast_mut::<State>());
        let room = limits.max();
        let width = widest.min(room.width);
        let child = self.content.as_widget_mut().layout(
            &mut tree.children[0],
            renderer,
            &layout::Limits::new(Size::ZERO, Size::new(width, room.height)),
        );
        let inner = child.size();
        let width = width.max(inner.width);
        let child = child.move_to(Point::new(width - inner.width, 0.0));
        layout::Node::with_children(Size::new(width, inner.height), vec![child])
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        if let Some(child) = layout.children().next() {
            self.content.as_widget().draw(
                &tree.children[0],
                renderer,
                theme,
                style,
                child,
                cursor,
                viewport,
            );
        }
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        if let Some(child) = layout.children().next() {
            self.content
                .as_widget_mut()
                .operate(&mut tree.children[0], child, renderer, operation);
        }
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        if let Some(child) = layout.children().next() {
            self.content.as_widget_mut().update(
                &mut tree.children[0],
                event,
                child,
                cursor,
                renderer,
                clipboard,
                shell,
                viewport,
            );
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        layout
            .children()
            .next()
            .map_or(mouse::Interaction::default(), |child| {
                self.content.as_widget().mouse_interaction(
                    &tree.children[0],
                    child,
                    cursor,
                    viewport,
                    renderer,
                )
            })
    }
}
