// Command zhijiao is the whole product: web server, migrations, imports,
// exports, demo data, backups and benchmarks.
package main

import (
	"os"

	"zhijiao/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
