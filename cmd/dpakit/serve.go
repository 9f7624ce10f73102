package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/dpakit/dpakit/fixtures"
	"github.com/dpakit/dpakit/server"
	"github.com/spf13/cobra"
)

func (a *app) serveCmd() *cobra.Command {
	var (
		addr, profile, authFile, maxBody, proxies string
		maxRenders                                int
	)
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--profile P] [--max-body 1MiB] [--auth FILE]",
		Short: "Serve the form app and the JSON API",
		Long: `Serve runs the form app, in which legal staff fill in a deal, see the DPA with
its deviations from the standard terms and download every document, and the
JSON API under /api/v1 (described at /api/openapi.yaml) for other systems.
Without --profile it runs on the embedded example profile and says so.

--auth FILE requires credentials: each line of FILE is an API token (sent as
Authorization: Bearer TOKEN) or USER:BCRYPT-HASH (as htpasswd -nB USER prints)
for a user signing in from a browser. Credentials travel in clear text over
HTTP: put a server with --auth behind a TLS-terminating proxy, and name the
proxy with --trusted-proxies.

The server stops on SIGINT or SIGTERM after finishing the requests in flight.`,
		Example: `  dpakit serve
  dpakit serve --addr 0.0.0.0:8080 --profile vendor.yaml --auth users.txt --trusted-proxies 10.0.0.5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			limit, err := parseSize(maxBody)
			if err != nil {
				return usagef("--max-body: %v", err)
			}
			if cmd.Flags().Changed("max-renders") && (maxRenders < 1 || maxRenders > maxJobs) {
				return usagef("--max-renders: must be between 1 and %d (the documents rendered at once), not %d; leave it out to render as many at once as there are CPUs (at least 2)", maxJobs, maxRenders)
			}
			pdfDate, err := fileDate("", os.Getenv)
			if err != nil {
				return err
			}
			eng, err := a.load()
			if err != nil {
				return classify(err)
			}
			cfg := server.Config{
				Engine: eng, Validator: a.validator, MaxBody: limit, MaxRenders: maxRenders,
				ToolVersion: version(), Logger: slog.New(slog.NewJSONHandler(a.stderr, nil)),
				PDFDate: pdfDate,
			}
			if proxies != "" {
				cfg.TrustedProxies = strings.Split(proxies, ",")
			}
			if profile != "" {
				if cfg.Profile, err = a.readInput(profile, profileInput); err != nil {
					return err
				}
				cfg.ProfileName = displayName(profile)
			} else {
				if cfg.Profile, err = fs.ReadFile(fixtures.FS, fixtures.Profile); err != nil {
					return classify(err)
				}
				if cfg.ExampleDeal, err = fs.ReadFile(fixtures.FS, fixtures.ExampleDeal); err != nil {
					return classify(err)
				}
				cfg.ProfileName, cfg.ExampleProfile = "the example profile", true
			}
			if authFile != "" {
				data, err := a.readInput(authFile, authInput)
				if err != nil {
					return err
				}
				if cfg.Auth, err = server.ParseAuth(data, displayName(authFile)); err != nil {
					return usagef("--auth: %v", err)
				}
			}
			srv, err := server.New(cfg)
			if err != nil {
				return usagef("%v", err)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usagef("--addr: %v", err)
			}
			fmt.Fprintf(a.stderr, "dpakit: serving on http://%s/ (stop with Ctrl-C)\n", ln.Addr())
			if cfg.ExampleProfile {
				fmt.Fprintln(a.stderr, "dpakit: using the example profile; start with --profile FILE to use your own")
			}
			return classify(srv.Serve(cmd.Context(), ln))
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	f.StringVar(&profile, "profile", "", "the vendor profile `FILE` deals are laid over (default: the embedded example)")
	f.StringVar(&maxBody, "max-body", "1MiB", "the largest request body accepted (`SIZE`: bytes, KiB or MiB)")
	f.StringVar(&authFile, "auth", "", "require the API tokens or bcrypt users in `FILE`")
	f.StringVar(&proxies, "trusted-proxies", "", "comma-separated `ADDRESSES` of reverse proxies whose X-Forwarded-For is trusted")
	f.IntVar(&maxRenders, "max-renders", 0, "documents rendered at once (default: the number of CPUs, at least 2)")
	return cmd
}

// parseSize reads a size such as 1MiB, 512KiB or 1048576.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"GB", 1 << 30}, {"G", 1 << 30}, {"MiB", 1 << 20}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KiB", 1 << 10}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}, {"", 1}}
	s = strings.TrimSpace(s)
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		var n int64
		if _, err := fmt.Sscanf(strings.TrimSpace(num), "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != strings.TrimSpace(num) {
			break
		}
		if n > (64<<20)/u.mult {
			return 0, errors.New("at most 64 MiB")
		}
		return n * u.mult, nil
	}
	return 0, fmt.Errorf("%q is not a size (want for example 1MiB, 512KiB or 1048576)", s)
}
