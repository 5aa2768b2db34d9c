// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move keyboard focus to swapped results so screen-reader users hear the update.
  const target = event.detail.target;
  if (target && target.dataset.focusOnSwap !== undefined) {
    target.focus();
  }
});

// A step form that loads when its <details> opens (class bt-lazy-form) replaces its placeholder. If the
// keyboard focus was on the placeholder's fallback link (the user tabbed on while the form loaded), that
// link is gone after the swap: put the focus on the form's first field instead of losing it.
let lazyDetails = null;
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  const active = document.activeElement;
  lazyDetails = null;
  if (target && target.classList && target.classList.contains("bt-lazy-form") && active && target.contains(active)) {
    lazyDetails = target.closest("details");
  }
});
document.addEventListener("htmx:afterSettle", () => {
  const details = lazyDetails;
  lazyDetails = null;
  if (!details || (document.activeElement && document.activeElement !== document.body)) return;
  const field = details.querySelector("form input:not([type=hidden]), form select, form textarea");
  if (field) field.focus();
});
