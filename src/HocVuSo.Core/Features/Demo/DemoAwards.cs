using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Ea Trang's award schemes for the year, one per model, titled as the sources name them (Ea Trang's
/// plan: "Công dân số tiêu biểu", "Thôn/Buôn số tiêu biểu", "công chức, viên chức số - văn phòng số -
/// cơ quan, đơn vị số"; Măng Đen's "Gia đình số", "Chợ số", "Mỗi công dân - Một định danh số"; the
/// issue's "Tổ Công nghệ số cộng đồng tiêu biểu"), with nominations in every state and a 10/10
/// programme. Everything is marked illustrative: criteria, weights, scores, the decision and the
/// programme's places and times are examples, not the commune's. The village scheme stays open for
/// nominations and appraisal; the citizen scheme has ended and carries a decision. Runs once.
/// </summary>
internal sealed class DemoAwards(AppDbContext db, IServiceProvider services, TimeProvider clock)
{
    public const string CitizenTitle = "Công dân số tiêu biểu";
    public const string VillageTitle = "Thôn/Buôn số tiêu biểu";
    public const string DecisionNumber = "01/QĐ-UBND (minh họa)";

    public async Task SeedAsync(Unit commune, CancellationToken ct)
    {
        if (await db.Set<AwardScheme>().AnyAsync(s => s.UnitId == commune.Id && s.Illustrative, ct))
        {
            return;
        }

        var today = clock.TodayInVietnam();
        var year = today.Year;
        var now = clock.UtcNow();
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null && (u.UserName.EndsWith(".eatrang") || u.UserName == "certified"))
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        var villages = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.ParentCode == commune.Code && u.Level == UnitLevel.Village).OrderBy(u => u.Code).ToListAsync(ct);
        var culture = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.UnitId == commune.Id && o.Name == DemoPlans.CultureOffice, ct);
        if (villages.Count < 6 || users.GetValueOrDefault("officer.eatrang") is null || users.GetValueOrDefault("team.eatrang") is null)
        {
            return;
        }

        CouncilMember Member(string userName, string role, Unit? village = null, int? organisation = null) =>
            new() { UserId = users[userName], Role = role, VillageUnitId = village?.Id, VillagePath = village?.Path, OrganisationId = organisation };

        List<CouncilMember> Council()
        {
            var council = new List<CouncilMember> { Member("officer.eatrang", "chair") };
            if (users.ContainsKey("approver.eatrang"))
            {
                council.Add(Member("approver.eatrang", "secretary"));
            }

            if (users.ContainsKey(SeedDemo.OrganisationOfficerName))
            {
                council.Add(Member(SeedDemo.OrganisationOfficerName, "member", organisation: culture?.Id));
            }

            council.Add(Member("team.eatrang", "member", village: villages[0]));
            return council;
        }

        AwardScheme Scheme(string title, string model, NomineeKind[] kinds, params (string Title, int Weight, string Source)[] criteria) => new()
        {
            UnitId = commune.Id, UnitPath = commune.Path, Year = year, Title = title, Model = model, NomineeKinds = string.Join(',', kinds.Select(AwardKeys.Key)),
            OpensOn = new DateOnly(year, 1, 1), ClosesOn = new DateOnly(year, 12, 31), PassScore = 70, Quorum = 2, Illustrative = true, CreatedAt = now,
            Criteria = criteria.Select((c, i) => new AwardCriterion { Number = i + 1, Title = c.Title, Weight = c.Weight, ScaleMax = 10, Source = c.Source }).ToList(),
            Council = Council(),
        };

        const string Story = "Cách làm, câu chuyện của mô hình (minh họa)";
        var citizen = Scheme(CitizenTitle, AwardModels.ExemplaryDigitalCitizen, [NomineeKind.Person],
            ("Đạt phổ cập kỹ năng số (minh họa)", 40, AwardFigures.PersonCertified), ("Số người đã hướng dẫn (minh họa)", 30, AwardFigures.PersonPeopleHelped), (Story, 30, AwardFigures.Attached));
        var village = Scheme(VillageTitle, AwardModels.ExemplaryDigitalVillage, [NomineeKind.Village],
            ("Tỷ lệ người trưởng thành được xác nhận trên VNeID (minh họa)", 40, AwardFigures.VillageVneidShare),
            ("Buổi hướng dẫn trực tiếp trong năm (minh họa)", 30, AwardFigures.VillageGuidanceSessions),
            ("Buổi sinh hoạt của Tổ Công nghệ số (minh họa)", 10, AwardFigures.VillageTeamSessions), (Story, 20, AwardFigures.Attached));
        var schemes = new List<AwardScheme>
        {
            citizen, village,
            Scheme("Gia đình số", AwardModels.DigitalFamily, [NomineeKind.Household], (Story, 100, AwardFigures.Attached)),
            Scheme("Chợ số", AwardModels.DigitalMarket, [NomineeKind.Market], (Story, 100, AwardFigures.Attached)),
            Scheme("Mỗi công dân - Một định danh số", AwardModels.OneCitizenOneIdentity, [NomineeKind.Person], ("Đạt phổ cập kỹ năng số (minh họa)", 50, AwardFigures.PersonCertified), (Story, 50, AwardFigures.Attached)),
            Scheme("Công chức, viên chức số - văn phòng số - cơ quan, đơn vị số", AwardModels.DigitalOffice, [NomineeKind.Organisation],
                ("Người của cơ quan đạt phổ cập kỹ năng số (minh họa)", 60, AwardFigures.OrganisationCertifiedStaff), (Story, 40, AwardFigures.Attached)),
            Scheme("Tổ Công nghệ số cộng đồng tiêu biểu", AwardModels.ExemplaryCommunityTeam, [NomineeKind.Team],
                ("Buổi hướng dẫn trực tiếp trong năm (minh họa)", 50, AwardFigures.VillageGuidanceSessions), (Story, 50, AwardFigures.Attached)),
        };
        db.Set<AwardScheme>().AddRange(schemes);
        await db.SaveChangesAsync(ct);

        var figures = services.GetRequiredService<AwardFigures>();
        async Task<Nomination> NominateAsync(AwardScheme scheme, NomineeRef nominee, NominationState state, string? name = null)
        {
            var n = new Nomination
            {
                SchemeId = scheme.Id, Kind = nominee.Kind, UnitId = nominee.Unit.Id, UnitPath = nominee.Unit.Path, NomineeUserId = nominee.UserId,
                NomineeOrganisationId = nominee.OrganisationId, NomineeName = name, Story = "Câu chuyện của mô hình (minh họa).", State = state,
                NominatedByUserId = users["officer.eatrang"], SubmittedAt = now.AddDays(-7), ConsentedAt = nominee.Kind == NomineeKind.Person && state != NominationState.AwaitingConsent ? now.AddDays(-6) : null,
                Evidence = [new NominationEvidence { CriterionId = scheme.Criteria[^1].Id, Text = "Biên bản, hình ảnh hoạt động (minh họa)" }],
            };
            foreach (var criterion in scheme.Criteria.Where(c => c.Source != AwardFigures.Attached))
            {
                if (await figures.ComputeAsync(criterion.Source, nominee, ct) is { } value)
                {
                    n.Figures.Add(new NominationFigure { CriterionId = criterion.Id, Metric = criterion.Source, Value = value.Value, Denominator = value.Denominator });
                }
            }

            db.Set<Nomination>().Add(n);
            await db.SaveChangesAsync(ct);
            return n;
        }

        async Task ScoreAsync(AwardScheme scheme, Nomination n, int memberIndex, int score, string vote)
        {
            var member = scheme.Council[memberIndex];
            db.Set<AppraisalScore>().AddRange(scheme.Criteria.Select(c => new AppraisalScore { NominationId = n.Id, MemberId = member.Id, CriterionId = c.Id, Score = score, At = now }));
            db.Set<AppraisalVote>().Add(new AppraisalVote { NominationId = n.Id, MemberId = member.Id, Vote = vote, At = now });
            await db.SaveChangesAsync(ct);
        }

        // The village scheme stays in appraisal: two villages submitted (one already scored by the chair); the demo's
        // village head (team.eatrang, Buôn Ea Trang) nominates their own village in the walkthrough.
        var taiVillage = await NominateAsync(village, new NomineeRef(NomineeKind.Village, villages[1], null, null), NominationState.Submitted);
        await ScoreAsync(village, taiVillage, 0, 8, AwardKeys.VoteFor);
        await NominateAsync(village, new NomineeRef(NomineeKind.Village, villages[5], null, null), NominationState.Submitted);

        // Each other model has one nomination in appraisal, so every scheme shows what it takes.
        await NominateAsync(schemes[2], new NomineeRef(NomineeKind.Household, villages[3], null, null), NominationState.Submitted, "Một hộ gia đình ở " + villages[3].Name + " (minh họa)");
        await NominateAsync(schemes[3], new NomineeRef(NomineeKind.Market, villages[2], null, null), NominationState.Submitted, "Chợ ở " + villages[2].Name + " (minh họa)");
        if (culture is not null)
        {
            await NominateAsync(schemes[5], new NomineeRef(NomineeKind.Organisation, commune, null, culture.Id), NominationState.Submitted);
        }

        await NominateAsync(schemes[6], new NomineeRef(NomineeKind.Team, villages[2], null, null), NominationState.Submitted, "Tổ Công nghệ số cộng đồng " + villages[2].Name);

        // The citizen scheme: nominations in every state, its appraisal ended and one recognised by an illustrative decision.
        var learners = Enumerable.Range(1, 6).Select(i => $"hocvien{i:00}.eatrang").Where(users.ContainsKey).ToList();
        if (learners.Count < 6)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        var homes = await db.Users.AsNoTracking().Where(u => learners.Select(l => users[l]).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.HomeUnitId, ct);
        Unit HomeOf(string learner) => villages.FirstOrDefault(v => v.Id == homes[users[learner]]) ?? villages[0];
        var person = (string learner) => new NomineeRef(NomineeKind.Person, HomeOf(learner), users[learner], null);
        var recognised = await NominateAsync(citizen, person(learners[0]), NominationState.Submitted);
        var weak = await NominateAsync(citizen, person(learners[1]), NominationState.Submitted);
        var split = await NominateAsync(citizen, person(learners[2]), NominationState.Submitted);
        var alone = await NominateAsync(citizen, person(learners[3]), NominationState.Submitted);
        var withdrawn = await NominateAsync(citizen, person(learners[4]), NominationState.Withdrawn);
        withdrawn.WithdrawnAt = now.AddDays(-5);
        withdrawn.WithdrawnReason = "Người được đề nghị xin rút (minh họa)";
        await NominateAsync(citizen, person(learners[5]), NominationState.AwaitingConsent);
        if (users.TryGetValue("hocvien07.eatrang", out var seventh))
        {
            var home = await db.Users.AsNoTracking().Where(u => u.Id == seventh).Select(u => u.HomeUnitId).FirstAsync(ct);
            await NominateAsync(schemes[4], new NomineeRef(NomineeKind.Person, villages.FirstOrDefault(v => v.Id == home) ?? villages[0], seventh, null), NominationState.AwaitingConsent);
        }

        await ScoreAsync(citizen, recognised, 0, 9, AwardKeys.VoteFor);
        await ScoreAsync(citizen, recognised, 1, 8, AwardKeys.VoteFor);
        await ScoreAsync(citizen, weak, 0, 5, AwardKeys.VoteAgainst);
        await ScoreAsync(citizen, weak, 1, 6, AwardKeys.VoteAgainst);
        await ScoreAsync(citizen, split, 0, 8, AwardKeys.VoteFor);
        await ScoreAsync(citizen, split, 1, 8, AwardKeys.VoteAgainst);
        await ScoreAsync(citizen, alone, 0, 9, AwardKeys.VoteFor);
        var appraised = new[] { recognised.Id, weak.Id, split.Id, alone.Id };
        var scores = await db.Set<AppraisalScore>().AsNoTracking().Where(s => appraised.Contains(s.NominationId)).ToListAsync(ct);
        foreach (var n in new[] { recognised, weak, split, alone })
        {
            var votes = await db.Set<AppraisalVote>().AsNoTracking().Where(v => v.NominationId == n.Id).ToListAsync(ct);
            n.Appraisers = votes.Count;
            n.VotesFor = votes.Count(v => v.Vote == AwardKeys.VoteFor);
            n.VotesAgainst = votes.Count(v => v.Vote == AwardKeys.VoteAgainst);
            n.ResultScore = EndAppraisal.Score(citizen, scores.Where(s => s.NominationId == n.Id).ToList());
            n.State = EndAppraisal.Rule(citizen, n);
        }

        citizen.AppraisalEndedAt = now.AddDays(-3);
        var signer = services.GetRequiredService<CertificateSigner>();
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == recognised.NomineeUserId).Select(u => u.FullName).FirstAsync(ct);
        var serial = CertificateSerials.New(year);
        var date = today.AddDays(-2);
        db.Set<RecognitionDecision>().Add(new RecognitionDecision
        {
            UnitId = commune.Id, UnitPath = commune.Path, Number = DecisionNumber, Date = date, Signer = "Chủ tịch UBND xã (minh họa)", IssuedAt = now, Illustrative = true,
            Items =
            [
                new DecisionItem
                {
                    NominationId = recognised.Id, UnitPath = recognised.UnitPath, Model = citizen.Model, RecognisedOn = date, Serial = serial, RecipientName = recipient,
                    Signature = signer.Sign(MeritSignature.Fields(serial, recipient, commune.Code, date, DecisionNumber)), SigningKeyId = signer.KeyId,
                },
            ],
        });
        recognised.State = NominationState.Recognised;
        recognised.ConsentPublishName = false;

        foreach (var (title, day, hour, place) in new[]
        {
            ("Khai mạc Ngày hội toàn dân học tập số", 10, 7, "Hội trường UBND xã Ea Trang (minh họa)"),
            ("Trải nghiệm và hướng dẫn sử dụng các nền tảng, dịch vụ số", 10, 8, "Trung tâm phục vụ hành chính công xã (minh họa)"),
            ("Biểu dương, khen thưởng tập thể, cá nhân tiêu biểu", 10, 10, "Hội trường UBND xã Ea Trang (minh họa)"),
        })
        {
            var local = new DateTime(year, 10, day, hour, 30, 0, DateTimeKind.Unspecified);
            db.Set<FestivalEvent>().Add(new FestivalEvent
            {
                UnitId = commune.Id, UnitPath = commune.Path, Year = year, Title = title, Place = place, Illustrative = true,
                StartsAt = TimeZoneInfo.ConvertTimeToUtc(local, VietnameseFormat.TimeZone),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
