package html

import (
	"encoding/json"
	"strings"
)

// maxJSONLD bounds one JSON-LD block: real ones are kilobytes.
const maxJSONLD = 1 << 20

// articleTypes are the schema.org types of a news or blog story.
var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "backgroundnewsarticle": true, "reviewnewsarticle": true,
	"asknewsarticle": true, "askpublicnewsarticle": true, "blogposting": true, "liveblogposting": true,
	"socialmediaposting": true, "report": true, "techarticle": true, "scholarlyarticle": true,
	"satiricalarticle": true, "medicalscholarlyarticle": true, "advertisercontentarticle": true,
	"discussionforumposting": true,
}

// jsonLD is what the page's JSON-LD says about its article and publisher.
type jsonLD struct {
	headline, name, description string
	authors                     []string
	published, created          string
	publisher, website          string
	language, url               string
	found                       bool // an article object was found
	pageName, pagePublished     string
}

// parseJSONLD reads every <script type="application/ld+json"> block: a
// single object, a list, or an @graph; references by @id are resolved. The
// first article-typed object wins; a WebPage's fields fill what is left.
func parseJSONLD(scripts []string) jsonLD {
	var out jsonLD
	for _, s := range scripts {
		if len(s) > maxJSONLD {
			continue
		}
		v, ok := decodeJSONLD(s)
		if !ok {
			continue
		}
		var objs []map[string]any
		collectObjects(v, &objs, 0)
		ids := map[string]map[string]any{}
		for _, o := range objs {
			if id, ok := o["@id"].(string); ok && len(o) > 1 {
				ids[id] = o
			}
		}
		for _, o := range objs {
			types := typesOf(o)
			switch {
			case !out.found && anyType(types, articleTypes):
				out.found = true
				out.headline = str(o["headline"])
				out.name = str(o["name"])
				out.description = str(o["description"])
				out.authors = names(o["author"], ids, 0)
				if len(out.authors) == 0 {
					out.authors = names(o["creator"], ids, 0)
				}
				out.published = str(o["datePublished"])
				out.created = str(o["dateCreated"])
				if p := names(o["publisher"], ids, 0); len(p) > 0 && out.publisher == "" {
					out.publisher = p[0]
				}
				out.language = firstNonEmpty(out.language, str(o["inLanguage"]))
				out.url = firstNonEmpty(str(o["url"]), idOf(o["mainEntityOfPage"]))
			case anyType(types, map[string]bool{"webpage": true, "itempage": true, "collectionpage": true}):
				if out.pageName == "" {
					out.pageName = firstNonEmpty(str(o["headline"]), str(o["name"]))
				}
				if out.pagePublished == "" {
					out.pagePublished = str(o["datePublished"])
				}
				out.language = firstNonEmpty(out.language, str(o["inLanguage"]))
				if p := names(o["publisher"], ids, 0); len(p) > 0 && out.publisher == "" {
					out.publisher = p[0]
				}
			case anyType(types, map[string]bool{"website": true}):
				if out.website == "" {
					out.website = str(o["name"])
				}
			case anyType(types, map[string]bool{"newsmediaorganization": true}):
				if out.publisher == "" {
					out.publisher = str(o["name"])
				}
			}
		}
	}
	return out
}

// decodeJSONLD parses a script's text, forgiving what pages get wrong:
// HTML comment or CDATA wrappers, raw control characters inside strings,
// and trailing semicolons.
func decodeJSONLD(s string) (any, bool) {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
	}
	s = strings.TrimSuffix(s, ";")
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		return v, true
	}
	fixed := strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
	if json.Unmarshal([]byte(fixed), &v) == nil {
		return v, true
	}
	return nil, false
}

// collectObjects lists the objects of a JSON-LD value in document order:
// top-level lists and @graph members first, then nested ones (an article's
// author objects, a WebPage's mainEntity).
func collectObjects(v any, out *[]map[string]any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectObjects(e, out, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			collectObjects(g, out, depth+1)
		}
		if _, typed := x["@type"]; typed {
			*out = append(*out, x)
		}
		for _, k := range []string{"mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"} {
			if e, ok := x[k]; ok {
				if _, isObj := e.(map[string]any); isObj || k != "mainEntityOfPage" {
					collectObjects(e, out, depth+1)
				}
			}
		}
	}
}

func typesOf(o map[string]any) []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.LastIndexAny(s, "/:"); i >= 0 {
			s = s[i+1:] // "http://schema.org/NewsArticle", "schema:NewsArticle"
		}
		out = append(out, s)
	}
	switch t := o["@type"].(type) {
	case string:
		add(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
}

func anyType(types []string, set map[string]bool) bool {
	for _, t := range types {
		if set[t] {
			return true
		}
	}
	return false
}

// names reads a person or organisation given as a string, an object with a
// name, an @id reference, or a list of those.
func names(v any, ids map[string]map[string]any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, names(e, ids, depth+1)...)
		}
		return out
	case map[string]any:
		if n := str(x["name"]); n != "" {
			return []string{n}
		}
		if id, ok := x["@id"].(string); ok {
			if o, ok := ids[id]; ok && !sameObject(o, x) {
				return names(o, ids, depth+1)
			}
		}
		if n := strings.TrimSpace(str(x["givenName"]) + " " + str(x["familyName"])); n != "" {
			return []string{n}
		}
	}
	return nil
}

func sameObject(a, b map[string]any) bool {
	return len(a) == len(b) && a["@id"] == b["@id"] && len(a) == 1
}

// str reads a string field; a list gives its first string, an object its
// @value or name.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := str(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := str(x["@value"]); s != "" {
			return s
		}
		return str(x["name"])
	}
	return ""
}

func idOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if s, ok := x["@id"].(string); ok {
			return s
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
