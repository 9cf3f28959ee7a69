package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkAddService measures 'lilith add service orders --db postgres'
// in-process, in a fresh copy of a new project each time: the path every
// manifest-changing command takes (render, format, plan, apply). Profile it
// with -cpuprofile; bench/analysis.md has the numbers.
func BenchmarkAddService(b *testing.B) {
	work := b.TempDir()
	ref := filepath.Join(work, "ref")
	lilith(b, work, "new shop --module example.com/shop --dir "+ref)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		dir := filepath.Join(work, "run")
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		if out, err := exec.Command("cp", "-r", ref, dir).CombinedOutput(); err != nil {
			b.Fatalf("cp: %v\n%s", err, out)
		}
		b.StartTimer()
		lilith(b, dir, "add service orders --db postgres --fields title:string,price:float64,due:time,done:bool")
	}
}
