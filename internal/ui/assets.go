package ui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
)

// Static files are served from memory with a content fingerprint: pages
// name each file as /static/NAME?v=HASH (assetURLs rewrites the rendered
// page), and a request carrying the current hash is cached for a year,
// since a new release changes the hash and so the URL. Text files are kept
// gzip-compressed as well (ECharts is 1.1 MB as sent, about a third of
// that compressed), every answer has an ETag, and a browser that already
// holds the file gets 304.

type asset struct {
	body, gz    []byte
	hash, ctype string
}

var (
	assetsOnce sync.Once
	assetFiles map[string]*asset // by path under static/
	assetURLs  *strings.Replacer // "/static/x" → "/static/x?v=hash"
)

func loadAssets() {
	assetsOnce.Do(func() {
		assetFiles = map[string]*asset{}
		var pairs []string
		fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(assets, p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			a := &asset{body: b, hash: hex.EncodeToString(sum[:6]), ctype: mime.TypeByExtension(path.Ext(p))}
			if a.ctype == "" {
				a.ctype = "application/octet-stream"
			}
			if compressible(a.ctype) && len(b) > 1024 {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
				zw.Write(b)
				zw.Close()
				if buf.Len() < len(b) {
					a.gz = buf.Bytes()
				}
			}
			name := strings.TrimPrefix(p, "static/")
			assetFiles[name] = a
			// Quoted, so that /static/app.js never matches inside a longer name.
			pairs = append(pairs, `"/static/`+name+`"`, `"/static/`+name+`?v=`+a.hash+`"`)
			return nil
		})
		assetURLs = strings.NewReplacer(pairs...)
	})
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") || strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
}

// fingerprint rewrites a rendered page's static URLs to carry their hash.
func fingerprint(page []byte) []byte {
	loadAssets()
	if !bytes.Contains(page, []byte(`"/static/`)) {
		return page
	}
	return []byte(assetURLs.Replace(string(page)))
}

// staticFS serves /static/ (the prefix already stripped).
func staticFS() http.Handler {
	loadAssets()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assetFiles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		etag := `"` + a.hash + `"`
		h.Set("ETag", etag)
		h.Set("Vary", "Accept-Encoding")
		if r.URL.Query().Get("v") == a.hash {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			// An unversioned or outdated URL: cache briefly and revalidate.
			h.Set("Cache-Control", "public, max-age=300")
		}
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Type", a.ctype)
		body := a.body
		if a.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
		if r.Method == http.MethodHead {
			return
		}
		w.Write(body)
	})
}
