namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// The national set of indicators the platform starts with (the five national indicators and the
/// extra targets in the provinces' and communes' plans), loaded into an empty database.
/// </summary>
public static class IndicatorCatalogue
{
    public static IReadOnlyList<Indicator> National { get; } =
    [
        New("officials_digital_skills", "Cán bộ, công chức, viên chức có kỹ năng số", "Officials and civil servants with digital skills", Denominator.Officials, IndicatorUnit.Percent, national: true, cumulative: true, computation: IndicatorComputations.OfficialsCertified),
        New("students_digital_skills", "Học sinh được trang bị kỹ năng số", "Students equipped with digital skills", Denominator.Students, IndicatorUnit.Percent, national: true, cumulative: true, computation: IndicatorComputations.StudentsCertified),
        New("adults_digital_skills", "Người dân trưởng thành có kỹ năng số", "Adults with digital skills", Denominator.Adults, IndicatorUnit.Percent, national: true, cumulative: true, computation: IndicatorComputations.AdultsCertified),
        New("adults_vneid_confirmed", "Người dân trưởng thành được xác nhận phổ cập kỹ năng số trên VNeID", "Adults confirmed on VNeID", Denominator.Adults, IndicatorUnit.Percent, national: true, cumulative: true, computation: IndicatorComputations.AdultsVneidConfirmed),
        New("workers_digital_skills", "Người lao động trong doanh nghiệp, HTX có kỹ năng số", "Enterprise and cooperative workers with digital skills", Denominator.EnterpriseWorkers, IndicatorUnit.Percent, national: true, cumulative: true, computation: IndicatorComputations.WorkersCertified),
        New("officials_signature_registered", "Cán bộ, công chức đăng ký chữ ký số", "Officials registered for a digital signature", Denominator.Officials, IndicatorUnit.Percent, cumulative: true, computation: IndicatorComputations.OfficialsSignature),
        New("adults_digital_signature", "Người dân sử dụng chữ ký số cá nhân", "Adults using a personal digital signature", Denominator.Adults, IndicatorUnit.Percent, cumulative: true, computation: IndicatorComputations.AdultsDigitalSignature),
        New("adults_vneid_level2", "Người dân kích hoạt định danh điện tử mức 2", "Adults with level-2 e-identity", Denominator.Adults, IndicatorUnit.Percent, cumulative: true, computation: IndicatorComputations.AdultsVneidLevel2),
        New("officials_mooc", "Cán bộ, công chức tự học trên nền tảng MOOCs", "Officials self-learning on the MOOC", Denominator.Officials, IndicatorUnit.Percent, cumulative: true, computation: IndicatorComputations.OfficialsMooc),
        New("classes_held", "Lớp học Bình dân học vụ số đã tổ chức", "Classes held", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.ClassesHeld),
        New("guidance_sessions_per_village", "Buổi hướng dẫn trực tiếp bình quân mỗi thôn, buôn", "Direct guidance sessions per village", Denominator.Villages, IndicatorUnit.PerVillage, cumulative: true, computation: IndicatorComputations.GuidanceSessions),
        New("weekly_sessions", "Buổi sinh hoạt hằng tuần của Tổ Công nghệ số trong tháng", "Weekly team sessions in the month", Denominator.None, IndicatorUnit.Count, computation: IndicatorComputations.WeeklySessions),
        New("visual_propaganda", "Hoạt động tuyên truyền trực quan", "Visual outreach activities", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.VisualPropaganda),
        New("posts_per_month", "Tin, bài, video trong tháng", "News posts and videos in the month", Denominator.None, IndicatorUnit.Count, computation: IndicatorComputations.PostsPerMonth),
        New("exemplary_citizens", "Công dân số tiêu biểu", "Exemplary digital citizens", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.ExemplaryCitizens),
        New("exemplary_villages", "Thôn, buôn số tiêu biểu", "Exemplary digital villages", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.ExemplaryVillages),
        New("villages_reinforced", "Thôn, buôn có Tổ Công nghệ số được bổ sung nhân lực", "Villages whose community team was reinforced", Denominator.Villages, IndicatorUnit.Percent, cumulative: true, computation: IndicatorComputations.VillagesReinforced),
        New("minority_language_items", "Tin, bài, sản phẩm truyền thông bằng tiếng dân tộc thiểu số trong tháng", "Communications items in minority languages in the month", Denominator.None, IndicatorUnit.Count, computation: IndicatorComputations.MinorityLanguageItems),
        New("desk_people_guided", "Người dân được hướng dẫn thực hiện dịch vụ công trực tuyến tại Trung tâm phục vụ hành chính công", "People guided through online public services at the public administrative service centre", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.DeskPeopleGuided),
        New("desk_self_done", "Người dân tự thao tác dịch vụ công trực tuyến tại Trung tâm phục vụ hành chính công", "People at the service centre who did the online service themselves", Denominator.None, IndicatorUnit.Count, cumulative: true, computation: IndicatorComputations.DeskSelfDone),
    ];

    private static int _position;

    private static Indicator New(string code, string vi, string en, Denominator denominator, IndicatorUnit unit, bool national = false, bool cumulative = false, string? computation = null) => new()
    {
        Code = code,
        NameVi = vi,
        NameEn = en,
        Denominator = denominator,
        Unit = unit,
        IsNational = national,
        Cumulative = cumulative,
        Computation = computation,
        Position = ++_position,
    };
}
