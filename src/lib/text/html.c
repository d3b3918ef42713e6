/* HTML pages (plans published on government sites): libxml2's forgiving
 * HTML parser builds the tree; block elements end lines, script, style and
 * head are dropped. The text comes out in UTF-8 whatever the page's
 * charset (libxml2 honours <meta charset>). */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "qcity/text.h"
#include "banned.h"

static const char *const blocks[] = {
	"p",          "div", "li",    "tr",    "br", "h1", "h2",      "h3",
	"h4",         "h5",  "h6",    "table", "ul", "ol", "section", "article",
	"blockquote", "pre", "title", "dd",    "dt", "hr",
};

static bool is_block(const xmlChar *name)
{
	for (size_t i = 0; i < sizeof(blocks) / sizeof(*blocks); i++)
		if (strcasecmp((const char *)name, blocks[i]) == 0)
			return true;
	return false;
}

static void newline(struct qc_buf *out)
{
	if (qc_buf_len(out) && qc_buf_last(out) != '\n')
		qc_buf_addch(out, '\n');
}

/* Iterative walk: hostile pages nest deeply, recursion could overflow. */
static void walk(xmlNodePtr root, struct qc_buf *out)
{
	xmlNodePtr n = root;

	while (n) {
		bool descend = false;

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			/* Whitespace inside the markup is layout, not text. */
			const char *s = (const char *)n->content;
			for (; s && *s; s++) {
				if (*s == '\n' || *s == '\r' || *s == '\t') {
					if (qc_buf_last(out) != '\0' &&
					    qc_buf_last(out) != '\n' &&
					    qc_buf_last(out) != ' ')
						qc_buf_addch(out, ' ');
				} else {
					qc_buf_addch(out, *s);
				}
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *nm = (const char *)n->name;
			if (strcasecmp(nm, "script") &&
			    strcasecmp(nm, "style") && strcasecmp(nm, "head") &&
			    strcasecmp(nm, "noscript")) {
				if (is_block(n->name))
					newline(out);
				descend = n->children != NULL;
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* Climb until a sibling exists, closing blocks on the way. */
		while (n && n != root && !n->next) {
			n = n->parent;
			if (n && n->type == XML_ELEMENT_NODE &&
			    is_block(n->name))
				newline(out);
		}
		if (!n || n == root)
			break;
		if (n->type == XML_ELEMENT_NODE && is_block(n->name))
			newline(out);
		n = n->next;
	}
}

enum qc_rc qc_html_to_text(const char *data, size_t len, struct qc_buf *out,
			   struct qc_error *err)
{
	htmlDocPtr doc;
	xmlNodePtr root;

	if (len > QC_TEXT_MAX || len > (size_t)0x7fffffff)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the page is too large");
	doc = htmlReadMemory(data, (int)len, "page.html", NULL,
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				     HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (!doc)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the HTML page cannot be parsed");
	root = xmlDocGetRootElement(doc);
	if (root)
		walk(root, out);
	newline(out);
	xmlFreeDoc(doc);
	if (qc_buf_len(out) == 0 ||
	    (qc_buf_len(out) == 1 && qc_buf_last(out) == '\n'))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the HTML page has no text");
	return QC_OK;
}
