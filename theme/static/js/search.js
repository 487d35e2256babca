// The /search/ page: runs a query through Pagefind's JavaScript API and lists
// the results. The form is hidden in the HTML and shown here, so people
// without JavaScript see only the <noscript> ways to browse.
const form = document.getElementById("notes-search");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
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

function filtersFrom(data) {
  const filters = {};
  for (const name of ["kind", "team"]) {
    if (data.get(name)) filters[name] = data.get(name);
  }
  return filters;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "notes-list__item";
  const heading = document.createElement("h2");
  heading.className = "notes-list__title";
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "govuk-body";
  // Pagefind marks matches with <mark>; plain text keeps any markup out of the page.
  excerpt.textContent = new DOMParser().parseFromString(data.excerpt, "text/html").body.textContent;
  item.append(heading, excerpt);
  return item;
}

async function search(query, filters) {
  const pagefind = await pagefindPromise;
  if (pagefind === null) {
    status.textContent = "There are no posts or weeknotes to search yet.";
    return;
  }
  const found = await pagefind.search(query, { filters });
  const pages = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  results.replaceChildren(...pages.map(resultItem));
  const count = found.results.length;
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

form.hidden = false;
// A search address like /search/?q=roadmap runs its query, so results can be linked to.
const initial = new URLSearchParams(location.search);
for (const [name, value] of initial) {
  if (form.elements[name]) form.elements[name].value = value;
}
if (initial.get("q")) form.requestSubmit();
