using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Ea Trang's 2026 plan in full — its ten task groups, lead and coordinating bodies, dates and
/// targets as the commune's document states them — under Đắk Lắk's Plan 76/KH-UBND of 13/3/2026.
/// The province plan's own text is not part of the demo's sources: its two targets (the defaults
/// for its communes) and the contacts, headcounts and progress updates are illustrative.
/// </summary>
internal sealed class DemoPlans(AppDbContext db, TimeProvider clock)
{
    public const int Year = 2026;

    /// <summary>The commune body that leads task 1.3 (the demo's organisation officer acts for it).</summary>
    public const string CultureOffice = "Phòng Văn hóa – Xã hội";

    private const string Illustrative = " (minh họa)";

    public async Task SeedAsync(Unit province, Unit commune, string officerUserId, CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(p => p.UnitId == commune.Id, ct))
        {
            return;
        }

        var now = clock.UtcNow();
        var department = Organisation(province, OrganisationKind.Agency, "Sở Khoa học và Công nghệ");
        var office = Organisation(commune, OrganisationKind.Agency, "Văn phòng HĐND & UBND xã");
        var culture = Organisation(commune, OrganisationKind.Agency, CultureOffice);
        var economy = Organisation(commune, OrganisationKind.Agency, "Phòng Kinh tế");
        var police = Organisation(commune, OrganisationKind.Police, "Công an xã");
        var adminCentre = Organisation(commune, OrganisationKind.ServiceCentre, "Trung tâm phục vụ hành chính công");
        var serviceCentre = Organisation(commune, OrganisationKind.ServiceCentre, "Trung tâm cung ứng dịch vụ sự nghiệp công");
        var front = Organisation(commune, OrganisationKind.MassOrganisation, "Ủy ban MTTQ Việt Nam xã");
        var youth = Organisation(commune, OrganisationKind.MassOrganisation, "Đoàn Thanh niên xã");
        var teams = Organisation(commune, OrganisationKind.CommunityTeam, "Tổ Công nghệ số cộng đồng");
        var schools = Organisation(commune, OrganisationKind.School, "Các trường Tiểu học, THCS trên địa bàn xã");
        schools.Grades = "1-9";
        var telecoms = Organisation(commune, OrganisationKind.Telecom, "Các đơn vị viễn thông");
        culture.ContactName = "Cán bộ Văn hóa – Xã hội" + Illustrative;
        culture.ContactPhone = "0912000111";
        culture.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 6 });
        office.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 12 });
        economy.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 5 });
        police.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 14 });
        adminCentre.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 8 });
        serviceCentre.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Officials, Count = 9 });
        telecoms.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Workers, Count = 24 });
        schools.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Students, Level = "primary", Count = 820 });
        schools.Headcounts.Add(new OrganisationHeadcount { Year = Year, Group = MemberGroup.Students, Level = "lower_secondary", Count = 540 });
        db.Organisations.AddRange(department, office, culture, economy, police, adminCentre, serviceCentre, front, youth, teams, schools, telecoms);
        await db.SaveChangesAsync(ct);

        var provincePlan = new Plan
        {
            UnitId = province.Id, UnitPath = province.Path, Year = Year, Number = "76/KH-UBND", IssuedOn = new DateOnly(2026, 3, 13),
            IssuingBody = "UBND tỉnh Đắk Lắk", Title = "Triển khai phong trào “Bình dân học vụ số” năm 2026 trên địa bàn tỉnh", Status = PlanStatus.Issued,
        };
        _plan = provincePlan;
        var provinceSection = Section(provincePlan, "I", "Chỉ tiêu giao các xã, phường" + Illustrative);
        var provinceTask = Task(provinceSection, "1", "Chỉ tiêu chung của tỉnh" + Illustrative, department, ScheduleKind.ByDate, due: D(12, 31), text: "Trước ngày 31/12/2026" + Illustrative);
        Target(provinceTask, "adults_vneid_confirmed", 80, TargetLevel.Commune, text: "80% người dân trưởng thành được xác nhận trên VNeID" + Illustrative);
        Target(provinceTask, "officials_signature_registered", 100, TargetLevel.Commune, text: "100% cán bộ, công chức đăng ký chữ ký số" + Illustrative);
        db.Plans.Add(provincePlan);
        await db.SaveChangesAsync(ct);

        var plan = new Plan
        {
            UnitId = commune.Id, UnitPath = commune.Path, Year = Year, Number = "/KH-UBND", ParentPlanId = provincePlan.Id,
            IssuingBody = "UBND xã Ea Trang", Signer = "Trần Tiến Ngôn", SignerTitle = "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH",
            Title = "Triển khai phong trào “Bình dân học vụ số” năm 2026 trên địa bàn xã Ea Trang", Status = PlanStatus.Issued,
        };
        _plan = plan;

        var s1 = Section(plan, "1", "Truyền thông và tuyên truyền");
        var t11 = Task(s1, "1.1", "Tuyên truyền sâu, rộng Phong trào “Bình dân học vụ số”", serviceCentre, ScheduleKind.Regular, text: "Thường xuyên");
        Target(t11, "visual_propaganda", 10, TargetLevel.Commune, text: "Tổ chức ít nhất 10 hoạt động tuyên truyền trực quan về Phong trào.");
        Target(t11, "posts_per_month", 11, TargetLevel.Commune, text: "Hằng tháng, đăng tải hơn 10 tin, bài hoặc video ngắn phản ánh kết quả, gương điển hình, cách làm hay trong thực hiện Phong trào lên các kênh truyền thông chính thống hoặc các kênh, trang, fanpage của xã.");
        var t12 = Task(s1, "1.2", "Hướng ứng Lễ phát động thi đua thực hiện Phong trào “Bình dân học vụ số” năm 2026 của tỉnh", office, ScheduleKind.ByDate, text: "Theo chương trình Lễ phát động của tỉnh.");
        t12.Form = "Tổ chức điểm cầu kết nối trực tuyến tại UBND xã để tham gia Lễ phát động thi đua do tỉnh tổ chức.";
        Task(s1, "1.3", "Tuyên truyền tài liệu “Bình dân học vụ số”", culture, ScheduleKind.ByDate, due: D(4, 30), text: "Hoàn thành trước ngày 30/4/2026.", coordinating: [police]);
        var t14 = Task(s1, "1.4", "Hưởng ứng tham gia cuộc thi tìm hiểu Chuyển đổi số tỉnh Đắk Lắk", culture, ScheduleKind.Month, start: D(8, 1), due: D(8, 31), text: "Tháng 08/2026");
        t14.Purpose = "Chỉ tiêu: 100% các cơ quan, đơn vị trên địa bàn xã tuyên truyền, vận động người dân, công chức, viên chức, người lao động, học sinh hưởng ứng tham gia cuộc thi.";
        var t15 = Task(s1, "1.5", "Ngày Chuyển đổi số tỉnh Đắk Lắk và Ngày hội toàn dân học tập số", culture, ScheduleKind.BetweenDates, start: D(10, 5), due: D(10, 10), text: "Từ ngày 05/10/2026 đến ngày 10/10/2026.", coordinating: [serviceCentre]);

        var s2 = Section(plan, "2", "Tăng cường sự lãnh đạo, chỉ đạo của người đứng đầu các cơ quan, đơn vị, Ban Chỉ đạo xã và nâng cao số lượng, chất lượng Tổ Công nghệ số cộng đồng");
        var t2 = Task(s2, "2", s2.Title, teams, ScheduleKind.ByDate, due: D(4, 30),
            text: "Tăng cường lãnh đạo, chỉ đạo: Thường xuyên. Nâng cao số lượng, chất lượng Tổ Công nghệ số cộng đồng: Trước ngày 30/4/2026.", coordinating: [front]);
        Target(t2, "villages_reinforced", 100, TargetLevel.Village, text: "100% thôn, buôn các tổ chức chính trị, xã hội huy động thêm nguồn nhân lực cho các Tổ Công nghệ số cộng đồng.");

        var s3 = Section(plan, "3", "Nâng cao năng lực số cho người dân trong độ tuổi trưởng thành");
        var t3 = Task(s3, "3", s3.Title, police, ScheduleKind.ByDate, due: D(11, 30),
            text: "Tổ chức lớp học “Bình dân học vụ số”: Trước ngày 30/6/2026. Tổ chức, thực hiện Phong trào: Trước ngày 30/11/2026.", coordinating: [culture, adminCentre, youth, teams]);
        t3.Form = "Tổ chức Lớp học “Bình dân học vụ số” cho các Tổ Công nghệ số cộng đồng nhằm thực hiện hỗ trợ người dân tiếp cận, sử dụng các nền tảng số, dịch vụ công trực tuyến và các tiện ích số trong đời sống hằng ngày.";
        Target(t3, "classes_held", 5, TargetLevel.Commune, due: D(6, 30), text: "Tổ chức ít nhất 5 lớp học.");
        Target(t3, "guidance_sessions_per_village", 10, TargetLevel.Village, text: "Mỗi thôn, buôn, tổ chức tối thiểu 10 buổi hướng dẫn trực tiếp cho người dân.");
        Target(t3, "exemplary_citizens", 2, TargetLevel.Commune, text: "Phấn đấu có ít nhất 02 mô hình “Công dân số tiêu biểu”.");
        Target(t3, "exemplary_villages", 1, TargetLevel.Commune, text: "01 mô hình “Buôn, thôn số tiêu biểu”.");

        var s4 = Section(plan, "4", "Xác nhận phổ cập chuyển đổi số trên nền tảng VNeID cho người dân");
        var t4 = Task(s4, "4", s4.Title, police, ScheduleKind.ByDate, due: D(11, 30), text: "Trước ngày 30/11/2026.");
        Target(t4, "adults_vneid_confirmed", 80, TargetLevel.Commune, text: "80% người dân trong độ tuổi trưởng thành được xác nhận đạt chuẩn phổ cập kỹ năng số cơ bản trên nền tảng VNeID và nền tảng Bình dân học vụ số quốc gia.");

        var s5 = Section(plan, "5", "Triển khai Chữ ký số cho người dân qua VneID");
        var t5 = Task(s5, "5", s5.Title, police, ScheduleKind.ByDate, due: D(11, 30), text: "Trước ngày 30/11/2026.");
        Target(t5, "officials_signature_registered", 100, TargetLevel.Commune, text: "Triển khai đến 100% cán bộ, công chức, viên chức toàn xã để đăng ký.");
        Target(t5, "adults_digital_signature", 30, TargetLevel.Commune, text: "30% người dân trong độ tuổi trưởng thành có sử dụng chữ ký số cá nhân (bao gồm chữ ký số tích hợp trong ứng dụng định danh điện tử như VNeID).");

        var s6 = Section(plan, "6", "Trang bị kỹ năng số cho học sinh");
        var t6 = Task(s6, "6", s6.Title, culture, ScheduleKind.ByDate, due: D(11, 30), text: "Trước ngày 30/11/2026 và thường xuyên thực hiện.", coordinating: [schools]);
        Target(t6, "students_digital_skills", 100, TargetLevel.Commune, text: "100% học sinh được trang bị kiến thức, kỹ năng số để phục vụ học tập, nghiên cứu và sáng tạo, có kỹ năng an toàn trong học tập và tương tác xã hội trong môi trường số.");

        var s7 = Section(plan, "7", "Phát triển kỹ năng số cho lực lượng lao động trong doanh nghiệp, hợp tác xã");
        var t7 = Task(s7, "7", s7.Title, economy, ScheduleKind.ByDate, due: D(6, 30), text: "Trước ngày 30/6/2026.");
        Target(t7, "workers_digital_skills", 100, TargetLevel.Commune, text: "100% người lao động trong các doanh nghiệp, hợp tác xã có kiến thức cơ bản về công nghệ số, kỹ năng số, sử dụng được thiết bị thông minh, các công cụ AI để phục vụ sản xuất, kinh doanh, nâng cao năng suất lao động.");

        var s8 = Section(plan, "8", "Triển khai hiệu quả các nền tảng ứng dụng số hỗ trợ cho cán bộ công chức, viên chức và người dân trong thực hiện các dịch vụ hành chính công và tham gia đóng góp ý kiến xây dựng địa phương");
        var t8 = Task(s8, "8", s8.Title, adminCentre, ScheduleKind.ByDate, due: D(11, 30), text: "Trước ngày 30/11/2026", coordinating: [culture, telecoms]);
        t8.Purpose = "Mục tiêu: 100% cán bộ, công chức, viên chức sử dụng thành thạo các nền tảng số trong tiếp nhận, xử lý và giải quyết thủ tục hành chính; 80% người dân được phổ biến, hướng dẫn và có khả năng sử dụng các nền tảng số phục vụ giải quyết thủ tục hành chính và phản ánh kiến nghị qua các nền tảng “Đắc Lắc Số” và các hệ thống nền tảng số dùng chung.";

        var s9 = Section(plan, "9", "Thi đua học tập, nâng cao nhận thức, kỹ năng số cho đội ngũ cán bộ, công chức, viên chức và người lao động trong cơ quan Nhà nước");
        var t9 = Task(s9, "9", s9.Title, culture, ScheduleKind.ByDate, due: D(11, 30), text: "Trước ngày 30/11/2026.");
        Target(t9, "officials_digital_skills", 100, TargetLevel.Commune, text: "100% cán bộ, công chức, viên chức và người lao động trong các cơ quan được tham dự tập huấn, trang bị kiến thức, kỹ năng về chuyển đổi số, sử dụng được các nền tảng số, các công cụ AI phục vụ công việc.");
        Target(t9, "officials_mooc", 80, TargetLevel.Commune, text: "Trong đó tối thiểu 80% đăng ký tự học qua hệ thống nền tảng đào tạo trực tuyến mở đại trà quốc gia (MOOCs) “Bình dân học vụ số”.");

        var s10 = Section(plan, "10", "Tổng kết thực hiện Phong trào thi đua “Bình dân học vụ số” năm 2026");
        var t10 = Task(s10, "10", s10.Title, culture, ScheduleKind.ByDate, due: D(12, 31), text: "Trước ngày 31/12/2026.", coordinating: [office]);

        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);

        // Illustrative progress: tasks in each state (done, late, on track, at risk, not started) around the end of 2026.
        Update(t14, "Các cơ quan, đơn vị đã vận động tham gia cuộc thi" + Illustrative, D(8, 28), completes: true);
        Update(t15, "Đã tổ chức Ngày hội toàn dân học tập số" + Illustrative, D(10, 10), completes: true);
        Update(t2, "Các thôn, buôn đã bổ sung thành viên Tổ Công nghệ số cộng đồng" + Illustrative, D(4, 25), completes: true);
        Update(t9, "Đã tổ chức tập huấn cho cán bộ, công chức" + Illustrative, D(11, 20), completes: true);
        Update(t4, "Công an xã rà soát danh sách xác nhận trên VNeID" + Illustrative, D(10, 15));
        Update(t6, "Các trường lồng ghép nội dung kỹ năng số" + Illustrative, D(9, 30));
        var today = clock.TodayInVietnam();
        Update(t11, "Đăng tin, bài trên trang của xã trong tháng" + Illustrative, today);
        Update(t10, "Bắt đầu chuẩn bị báo cáo tổng kết" + Illustrative, D(12, 1));
        await db.SaveChangesAsync(ct);

        void Update(PlanTask task, string text, DateOnly date, bool completes = false) => db.TaskUpdates.Add(new TaskUpdate
        {
            TaskId = task.Id, Text = text, Date = date, Completes = completes, ByUserId = officerUserId, ByName = "officer.eatrang", At = now,
        });
    }

    /// <summary>
    /// Illustrative people of Ea Trang's organisations, from the demo learners: officials of the
    /// People's Committee office, the police and the culture department, workers of the telecom
    /// companies, students of the schools, so that the target-group figures are computed from
    /// enrolled people. Two officials have registered a digital signature. Runs once.
    /// </summary>
    public async Task SeedMembersAsync(Unit commune, CancellationToken ct)
    {
        var organisations = await db.Organisations.Where(o => o.UnitId == commune.Id).ToDictionaryAsync(o => o.Name, ct);
        var ids = organisations.Values.Select(o => o.Id).ToList();
        if (await db.OrganisationMembers.AnyAsync(m => ids.Contains(m.OrganisationId), ct))
        {
            return;
        }

        (string User, string Organisation, MemberGroup Group, string Role)[] people =
        [
            ("certified", "Văn phòng HĐND & UBND xã", MemberGroup.Officials, "Công chức"),
            ("hocvien03.eatrang", "Văn phòng HĐND & UBND xã", MemberGroup.Officials, "Công chức"),
            ("hocvien01.eatrang", "Văn phòng HĐND & UBND xã", MemberGroup.Officials, "Công chức"),
            ("hocvien09.eatrang", "Công an xã", MemberGroup.Officials, "Cán bộ"),
            ("hocvien04.eatrang", "Công an xã", MemberGroup.Officials, "Cán bộ"),
            ("hocvien06.eatrang", "Phòng Văn hóa – Xã hội", MemberGroup.Officials, "Công chức"),
            ("hocvien12.eatrang", "Các đơn vị viễn thông", MemberGroup.Workers, "Nhân viên"),
            ("hocvien15.eatrang", "Các đơn vị viễn thông", MemberGroup.Workers, "Nhân viên"),
            ("hocvien02.eatrang", "Các đơn vị viễn thông", MemberGroup.Workers, "Nhân viên"),
            ("hocvien18.eatrang", "Các trường Tiểu học, THCS trên địa bàn xã", MemberGroup.Students, "Lớp 9"),
            ("hocvien05.eatrang", "Các trường Tiểu học, THCS trên địa bàn xã", MemberGroup.Students, "Lớp 8"),
        ];
        var names = people.Select(p => p.User).ToList();
        var users = await db.Users.Where(u => names.Contains(u.UserName!))
            .Select(u => new { u.Id, u.UserName, Path = db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Path).FirstOrDefault() })
            .ToDictionaryAsync(u => u.UserName!, ct);
        var today = clock.TodayInVietnam();
        foreach (var (user, organisation, group, role) in people)
        {
            if (users.TryGetValue(user, out var account) && organisations.TryGetValue(organisation, out var body))
            {
                db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = body.Id, UserId = account.Id, Group = group, Role = role + Illustrative, JoinedOn = today.AddDays(-20) });
            }
        }

        var now = clock.UtcNow();
        foreach (var user in new[] { "hocvien03.eatrang", "hocvien09.eatrang" })
        {
            if (users.TryGetValue(user, out var account) && !await db.DigitalIdentityStatuses.AnyAsync(s => s.UserId == account.Id, ct))
            {
                db.DigitalIdentityStatuses.Add(new Certification.DigitalIdentityStatus
                {
                    UserId = account.Id, UnitPath = account.Path, DigitalSignatureOn = today.AddDays(-3),
                    DigitalSignatureSource = Certification.StatusSource.Officer, DigitalSignatureRecordedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static DateOnly D(int month, int day) => new(Year, month, day);

    private static Organisation Organisation(Unit unit, OrganisationKind kind, string name) =>
        new() { UnitId = unit.Id, UnitPath = unit.Path, Kind = kind, Name = VietnameseText.Clean(name) };

    private static PlanSection Section(Plan plan, string number, string title)
    {
        var section = new PlanSection { Number = number, Title = title, Position = plan.Sections.Count + 1 };
        plan.Sections.Add(section);
        return section;
    }

    private PlanTask Task(PlanSection section, string number, string title, Organisation lead, ScheduleKind schedule,
        DateOnly? due = null, DateOnly? start = null, string? text = null, Organisation[]? coordinating = null)
    {
        var task = new PlanTask
        {
            Number = number, Title = title, LeadOrganisationId = lead.Id, Schedule = schedule, StartsOn = start, DueOn = due, ScheduleText = text,
            Position = section.Tasks.Count + 1,
        };
        task.Coordinators.AddRange((coordinating ?? []).Select(o => new PlanTaskCoordinator { OrganisationId = o.Id }));
        section.Tasks.Add(task);
        _plan!.Tasks.Add(task);
        return task;
    }

    private Plan? _plan;

    private void Target(PlanTask task, string indicator, decimal value, TargetLevel level, DateOnly? due = null, string? text = null)
    {
        var target = new PlanTarget { IndicatorCode = indicator, Value = value, UnitLevel = level, DueOn = due, Text = text };
        task.Targets.Add(target);
        _plan!.Targets.Add(target);
    }
}
