// Command tlogclient checks one chain of audit-service's public transparency-log API with Go's own transparency-log
// code, golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog (Debian's golang-golang-x-mod-dev): the reference
// signed-note and RFC 6962 tile implementation that C2SP signed-note and tlog-tiles grew from. Nothing of
// pjctrl-audit's own code is used here; only the paths are C2SP's instead of sumdb's ("tile/L/N" for "tile/8/L/N",
// and entry bundles with uint16 length prefixes for sumdb's data tiles).
//
//	tlogclient -base http://127.0.0.1:8082 -chain events-0 -vkey <log vkey> [-old-size N] [-proof file -leaf hex]
//
// It verifies the latest checkpoint's signature with the vkey given out of band (and that /key serves the same),
// reads every hash tile it needs through tlog.TileHashReader (which authenticates each tile against the signed root),
// recomputes the root with tlog.TreeHash, checks every entry bundle against the tree's level-0 hashes, proves and
// checks the inclusion of every entry with tlog.ProveRecord/CheckRecord, checks the service's consistency proof
// from -old-size with tlog.CheckTree, and, given -proof (a C2SP tlog-proof from GET /api/audit-logs/{id}/proof) and
// -leaf (the entry's leaf data, hex), checks that proof with tlog.CheckRecord. It prints one line per check and exits
// 0 when all hold, 1 when one does not, 2 on bad usage.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8 // C2SP tlog-tiles: 256 hashes a tile

var client = &http.Client{Timeout: 30 * time.Second}

func main() {
	base := flag.String("base", "", "audit-service base URL")
	chain := flag.String("chain", "", "chain id")
	vkey := flag.String("vkey", "", "the log's verifier key, held out of band")
	oldSize := flag.Int64("old-size", 0, "an earlier tree size to check the service's consistency proof from")
	proofFile := flag.String("proof", "", "a tlog-proof of one entry")
	leafHex := flag.String("leaf", "", "that entry's leaf data, hex")
	flag.Parse()
	if *base == "" || *chain == "" || *vkey == "" || (*proofFile == "") != (*leafHex == "") {
		flag.Usage()
		os.Exit(2)
	}
	prefix := strings.TrimSuffix(*base, "/") + "/tlog/" + *chain + "/"
	if err := run(prefix, *vkey, *oldSize, *proofFile, *leafHex); err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	fmt.Println("OK all checks hold")
}

func run(prefix, vkey string, oldSize int64, proofFile, leafHex string) error {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return fmt.Errorf("vkey: %v", err)
	}
	served, err := get(prefix + "key")
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(served)) != vkey {
		return fmt.Errorf("/key serves %q, not the vkey held out of band", strings.TrimSpace(string(served)))
	}
	msg, err := get(prefix + "checkpoint")
	if err != nil {
		return err
	}
	tree, origin, err := openCheckpoint(msg, verifier)
	if err != nil {
		return err
	}
	fmt.Printf("checkpoint %s size %d root %s: signature of %s verifies\n", origin, tree.N, tree.Hash, verifier.Name())

	tiles := &tileReader{prefix: prefix, cache: map[string][]byte{}}
	hashes := tlog.TileHashReader(tree, tiles)
	root, err := tlog.TreeHash(tree.N, hashes)
	if err != nil {
		return fmt.Errorf("tree hash from the tiles: %v", err)
	}
	if root != tree.Hash {
		return fmt.Errorf("the tiles give root %s, the checkpoint signs %s", root, tree.Hash)
	}
	fmt.Printf("tiles: %d read, each authenticated against the signed root; TreeHash = the checkpoint's root\n", tiles.read)

	for n := int64(0); n < tree.N; n += 256 {
		width := tree.N - n
		if width > 256 {
			width = 256
		}
		leaves, err := bundle(prefix, n/256, width)
		if err != nil {
			return err
		}
		for i, leaf := range leaves {
			index := n + int64(i)
			stored, err := hashes.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
			if err != nil {
				return fmt.Errorf("level-0 hash of entry %d: %v", index, err)
			}
			if tlog.RecordHash(leaf) != stored[0] {
				return fmt.Errorf("entry bundle %d: the leaf data of entry %d does not hash to the tree's leaf", n/256, index)
			}
			proof, err := tlog.ProveRecord(tree.N, index, hashes)
			if err != nil {
				return fmt.Errorf("inclusion proof of entry %d: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(leaf)); err != nil {
				return fmt.Errorf("inclusion of entry %d: %v", index, err)
			}
		}
	}
	fmt.Printf("entry bundles: the leaf data of all %d entries hash to the tree's leaves, each proved included\n", tree.N)

	if oldSize > 0 {
		if err := checkConsistency(prefix, tree, oldSize, hashes); err != nil {
			return err
		}
	}
	if proofFile != "" {
		if err := checkEntryProof(proofFile, leafHex, origin, verifier); err != nil {
			return err
		}
	}
	return nil
}

// openCheckpoint verifies the note's signature with the log's key (cosignatures of others are left unverified, as
// note.Open does) and parses the C2SP tlog-checkpoint body: origin, size, base64 root, extension lines.
func openCheckpoint(msg []byte, verifier note.Verifier) (tlog.Tree, string, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return tlog.Tree{}, "", fmt.Errorf("checkpoint note: %v", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return tlog.Tree{}, "", fmt.Errorf("checkpoint body has fewer than three lines: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return tlog.Tree{}, "", fmt.Errorf("checkpoint size line %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return tlog.Tree{}, "", fmt.Errorf("checkpoint root line %q: %v", lines[2], err)
	}
	return tlog.Tree{N: size, Hash: root}, lines[0], nil
}

// checkConsistency checks the service's consistency proof from oldSize with tlog.CheckTree, against the old root that
// the authenticated tiles give.
func checkConsistency(prefix string, tree tlog.Tree, oldSize int64, hashes tlog.HashReader) error {
	body, err := get(fmt.Sprintf("%sconsistency?old_size=%d&new_size=%d", prefix, oldSize, tree.N))
	if err != nil {
		return err
	}
	var served struct {
		OldSize int64    `json:"old_size"`
		NewSize int64    `json:"new_size"`
		OldRoot string   `json:"old_root"`
		NewRoot string   `json:"new_root"`
		Proof   []string `json:"proof"`
	}
	if err := json.Unmarshal(body, &served); err != nil {
		return fmt.Errorf("consistency response: %v", err)
	}
	var proof tlog.TreeProof
	for _, h := range served.Proof {
		hash, err := tlog.ParseHash(h)
		if err != nil {
			return fmt.Errorf("consistency proof hash %q: %v", h, err)
		}
		proof = append(proof, hash)
	}
	oldRoot, err := tlog.TreeHash(oldSize, hashes)
	if err != nil {
		return fmt.Errorf("root of size %d: %v", oldSize, err)
	}
	if served.OldRoot != oldRoot.String() || served.NewRoot != tree.Hash.String() {
		return fmt.Errorf("consistency response roots %s, %s; the tiles give %s, %s", served.OldRoot, served.NewRoot,
			oldRoot, tree.Hash)
	}
	if err := tlog.CheckTree(proof, tree.N, tree.Hash, oldSize, oldRoot); err != nil {
		return fmt.Errorf("consistency %d -> %d: %v", oldSize, tree.N, err)
	}
	fmt.Printf("consistency %d -> %d: the service's proof of %d hashes checks\n", oldSize, tree.N, len(proof))
	return nil
}

// checkEntryProof checks a C2SP tlog-proof (c2sp.org/tlog-proof@v1: header line, "index N", base64 path hashes,
// blank line, the checkpoint note) for the entry whose leaf data is leafHex.
func checkEntryProof(file, leafHex, origin string, verifier note.Verifier) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	head, checkpoint, found := bytes.Cut(text, []byte("\n\n"))
	if !found {
		return fmt.Errorf("tlog-proof without a blank line before its checkpoint")
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 2 || lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "index ") {
		return fmt.Errorf("tlog-proof header %q", lines)
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[1], "index "), 10, 64)
	if err != nil {
		return fmt.Errorf("tlog-proof index line %q", lines[1])
	}
	var path tlog.RecordProof
	for _, line := range lines[2:] {
		hash, err := tlog.ParseHash(line)
		if err != nil {
			return fmt.Errorf("tlog-proof hash %q: %v", line, err)
		}
		path = append(path, hash)
	}
	tree, proofOrigin, err := openCheckpoint(checkpoint, verifier)
	if err != nil {
		return err
	}
	if proofOrigin != origin {
		return fmt.Errorf("tlog-proof checkpoint of %q, not %q", proofOrigin, origin)
	}
	leaf, err := hex.DecodeString(leafHex)
	if err != nil {
		return fmt.Errorf("leaf data: %v", err)
	}
	if err := tlog.CheckRecord(path, tree.N, tree.Hash, index, tlog.RecordHash(leaf)); err != nil {
		return fmt.Errorf("tlog-proof of entry %d in size %d: %v", index, tree.N, err)
	}
	fmt.Printf("tlog-proof: entry %d is in the signed tree of size %d (%d path hashes)\n", index, tree.N, len(path))
	return nil
}

// tileReader serves tlog.TileHashReader from the C2SP tile paths. It keeps what it fetched (a tile of a given width
// never changes); tlog.TileHashReader authenticates the tiles against the signed root on every read all the same.
type tileReader struct {
	prefix string
	read   int
	cache  map[string][]byte
}

func (r *tileReader) Height() int { return height }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		// x/mod names a tile "tile/8/L/N[.p/W]"; C2SP tlog-tiles drops the height: "tile/L/N[.p/W]".
		path := "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
		body, cached := r.cache[path]
		if !cached {
			var err error
			if body, err = get(r.prefix + path); err != nil {
				return nil, err
			}
			r.cache[path] = body
			r.read++
		}
		if len(body) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s: %d bytes, want %d", path, len(body), t.W*tlog.HashSize)
		}
		data[i] = body
	}
	return data, nil
}

func (r *tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

// bundle reads entry bundle n of the given width: uint16 big-endian length, then that many bytes, per entry.
func bundle(prefix string, n, width int64) ([][]byte, error) {
	t := tlog.Tile{H: height, L: 0, N: n, W: int(width)}
	path := "tile/entries/" + strings.TrimPrefix(t.Path(), "tile/8/0/")
	body, err := get(prefix + path)
	if err != nil {
		return nil, err
	}
	var leaves [][]byte
	for len(body) > 0 {
		if len(body) < 2 {
			return nil, fmt.Errorf("%s: truncated length prefix", path)
		}
		size := int(binary.BigEndian.Uint16(body))
		if len(body) < 2+size {
			return nil, fmt.Errorf("%s: truncated entry", path)
		}
		leaves = append(leaves, body[2:2+size])
		body = body[2+size:]
	}
	if int64(len(leaves)) != width {
		return nil, fmt.Errorf("%s: %d entries, want %d", path, len(leaves), width)
	}
	return leaves, nil
}

func get(url string) ([]byte, error) {
	response, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return nil, err
	}
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %s", url, response.StatusCode, strings.TrimSpace(string(body)))
	}
	return body, nil
}
