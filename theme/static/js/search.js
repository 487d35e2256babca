// The /search/ page: runs a query through Pagefind's JavaScript API and lists
// the results, ten at a time. The form is hidden in the HTML and shown here,
// so people without JavaScript see only the <noscript> ways to browse.
const form = document.getElementById("notes-search");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10; // results shown at first, and added by each press of "Show more results"

// The index comes in one Pagefind bundle per quarter (per month in the newest
// quarter), newest first: the first bundle's script searches them all once the
// others are merged into it.
const bundles = form.dataset.pagefindBundles.split(" ").filter(Boolean)
  .map((bundle) => new URL(bundle, document.baseURI).href);
const pagefindPromise = bundles.length === 0 ? Promise.resolve(null)
  : import(`${bundles[0]}pagefind.js`).then(async (pagefind) => {
    await Promise.all(bundles.slice(1).map((bundle) => pagefind.mergeIndex(bundle)));
    return pagefind;
  });

let found = []; // every result of the current search, best first
let shown = 0;

function filtersFrom(data) {
  const filters = {};
  for (const name of ["kind", "team"]) {
    if (data.get(name)) filters[name] = data.get(name);
  }
  return filters;
}

// Pagefind matches the last word of a query as a prefix ("apple" finds
// "application"), and a word no note has as its longest prefix that some note
// has ("Welsh" finds "we"). A note is found only if it has each word of the
// query, as Pagefind stems it: its exact search ("word") says which notes do.
// The loose search ranks them. A query in quotes is a phrase, exact already.
async function matching(pagefind, query, filters) {
  const ranked = (await pagefind.search(query, { filters })).results;
  if (/^\s*".+"\s*$/.test(query)) return ranked;
  const words = query.replaceAll('"', " ").split(/\s+/).filter(Boolean);
  const exact = await Promise.all(words.map((word) => pagefind.search(`"${word}"`, { filters })));
  const having = exact.map((search) => new Set(search.results.map((result) => result.id)));
  return ranked.filter((result) => having.every((ids) => ids.has(result.id)));
}

// Pagefind's excerpt, with its <mark>s around the words matched and nothing
// else: the text is copied as text, so no markup from a note reaches the page.
// An ellipsis says where the note goes on before or after it.
function excerptOf(data) {
  const excerpt = document.createElement("p");
  excerpt.className = "govuk-body notes-search__excerpt";
  const nodes = new DOMParser().parseFromString(data.excerpt, "text/html").body.childNodes;
  const text = [...nodes].map((node) => node.textContent).join("").trim();
  if (!data.content.startsWith(text)) excerpt.append("… ");
  for (const node of nodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      excerpt.append(mark);
    } else {
      excerpt.append(node.textContent);
    }
  }
  if (!data.content.trimEnd().endsWith(text)) excerpt.append(" …");
  return excerpt;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "notes-list__item";
  const label = document.createElement("p");
  label.className = "notes-list__label";
  label.textContent = [...(data.filters.kind || []), ...(data.filters.team || [])].join(" · ");
  const heading = document.createElement("h2");
  heading.className = "notes-list__title";
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(label, heading, excerptOf(data));
  return item;
}

// The next PAGE results; the first of them takes keyboard focus when asked for with the button.
async function showMore(focus) {
  const next = await Promise.all(found.slice(shown, shown + PAGE).map((result) => result.data()));
  const items = next.map(resultItem);
  results.append(...items);
  shown += next.length;
  more.hidden = shown >= found.length;
  more.textContent = `Show more results (${shown} of ${found.length} shown)`;
  if (focus && items.length) items[0].querySelector("a").focus();
}

async function search(query, filters) {
  const pagefind = await pagefindPromise;
  if (pagefind === null) {
    status.textContent = "There are no posts or weeknotes to search yet.";
    return;
  }
  found = await matching(pagefind, query, filters);
  shown = 0;
  results.replaceChildren();
  await showMore(false);
  const count = found.length;
  status.textContent = count === 0 ? `No results for “${query}”.`
    : `${count} ${count === 1 ? "result" : "results"} for “${query}”.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const query = (data.get("q") || "").trim();
  if (!query) {
    status.textContent = "Enter a word to search for.";
    return;
  }
  const params = new URLSearchParams(data);
  history.replaceState(null, "", `?${params}`);
  search(query, filtersFrom(data));
});

more.addEventListener("click", () => showMore(true));

form.hidden = false;
// A search address like /search/?q=roadmap runs its query, so results can be linked to.
const initial = new URLSearchParams(location.search);
for (const [name, value] of initial) {
  if (form.elements[name]) form.elements[name].value = value;
}
if (initial.get("q")) form.requestSubmit();
