//! A part of a page with nothing to bring to life: no event handler, no signal of its own
//! (a chart, its table, a list to read). The server sends it as HTML inside a wrapper, and
//! while the page hydrates the browser takes that wrapper as it is, without walking the
//! elements in it: on the overstapplan that is most of the page's 1,300 elements, and
//! walking them was the one long task Lighthouse counted as blocking time. Built in the
//! browser (a page reached by a link, a what-if that draws again), the part is built as
//! any view is.

use leptos::html::{self, InnerHtmlAttribute};
use leptos::prelude::*;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Position, PositionState};

/// The part `maak` makes, sent as HTML and taken over whole when the page hydrates: in
/// the browser `maak` then never runs, so the part costs nothing to bring to life. The
/// part must not hold anything that reacts (an `on:` handler, a signal read), as that
/// would not be brought to life; attributes spread onto it are not passed on.
pub fn vast<F, V>(maak: F) -> Vast<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    Vast(maak)
}

/// See [`vast`].
pub struct Vast<F>(F);

impl<F, V> Vast<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    /// The wrapper with the part's elements in it, as the browser builds it. Both forms are
    /// erased to one type, so that a part taken over from the server can later be replaced
    /// by one built here.
    fn als_elementen(self) -> AnyView {
        html::div().child((self.0)()).into_any()
    }
}

impl<F, V> Render for Vast<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    type State = AnyViewState;

    fn build(self) -> Self::State {
        self.als_elementen().build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.als_elementen().rebuild(state);
    }
}

impl<F, V> AddAnyAttr for Vast<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    type Output<SomeNewAttr: Attribute> = Self;

    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr> {
        self
    }
}

impl<F, V> RenderHtml for Vast<F>
where
    F: FnOnce() -> V + Send + 'static,
    V: RenderHtml + 'static,
{
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        let binnen = (self.0)().to_html();
        html::div().inner_html(binnen).to_html_with_buf(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        if FROM_SERVER {
            // The server's HTML stays: `inner_html` is not applied while hydrating what
            // the server sent, so the empty text is never set.
            html::div()
                .inner_html(String::new())
                .into_any()
                .hydrate::<true>(cursor, position)
        } else {
            self.als_elementen().hydrate::<false>(cursor, position)
        }
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}
