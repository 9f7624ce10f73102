package deal_test

import (
	"fmt"
	"strings"

	"github.com/dpakit/dpakit/assemble/deal"
)

func ExampleLoad() {
	profile := []byte(`
provider:
  name: Kestrel Cloud, Inc.
  address: 400 Market Street, Orlando, FL 32801
  country: US
  contact: {name: Privacy Team, email: privacy@kestrel.example}
  signatory: {name: Dana Whitfield, title: General Counsel}
breach: {notice_hours: 48}
subprocessors: {objection_days: 15}
scc: {subprocessor_notice_days: 30, governing_law: NL}
`)
	dealFile := []byte(`
effective_date: 2026-12-01
agreement: Master Subscription Agreement
customer:
  name: Müller Logistik GmbH
  address: Hafenstraße 12, 20457 Hamburg
  country: DE
  role: controller
  contact: {name: Jana Müller, email: privacy@mueller-logistik.example}
  signatory: {name: Jana Müller, title: Managing Director}
breach: {notice_hours: 96}
subprocessors: {objection_days: 45}
processing:
  data_subjects: [End users]
  data_categories: [Name]
  frequency: continuous
  nature: Hosting
  purposes: [Provision of the Services]
  retention: For the term of the Agreement
`)
	_, err := deal.Load(dealFile, "deal.yaml", profile, "profile.yaml")
	fmt.Println(err)

	fixed := strings.NewReplacer("notice_hours: 96", "notice_hours: 24", "objection_days: 45", "objection_days: 14").Replace(string(dealFile))
	d, err := deal.Load([]byte(fixed), "deal.yaml", profile, "profile.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Reference, d.SCC.Modules, d.SCC.SubprocessorOption, d.SCC.Forum, d.Breach.NoticeHours, d.Provider.Name)
	// Output:
	// breach.notice_hours: must be at most 72 (the controller itself has 72 hours to notify its supervisory authority)
	// subprocessors.objection_days: 45 days is longer than the 30-day advance notice (scc.subprocessor_notice_days); a new sub-processor could start before the objection window closes
	// DPA-20261201-MULLER-LOGISTIK [2] general NL 24 Kestrel Cloud, Inc.
}
