using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// The demo's online contest of Đắk Lắk, "Tìm hiểu về Chuyển đổi số tỉnh Đắk Lắk năm 2026": one
/// round closed, one open at the moment the demo is built and one upcoming, so the Ea Trang demo
/// learners can take part. Its questions are illustrative (general safe-phone-use questions, not an
/// official contest's questions); the pages and the certificate say so. The demo learners who have
/// an identification number recorded are treated as having signed in with VNeID (the demo's
/// sandbox), which is what entering requires.
/// </summary>
internal sealed class DemoContests(AppDbContext db, TimeProvider clock)
{
    public const string Title = "Tìm hiểu về Chuyển đổi số tỉnh Đắk Lắk năm 2026";

    private static readonly (string Type, string Text, string[] Options, int[] Correct, string Explanation)[] Questions =
    [
        ("single", "Ai đó gọi điện xin mã OTP vừa gửi về điện thoại của bạn. Bạn nên làm gì?", ["Đọc mã cho họ", "Không đưa mã cho bất kỳ ai", "Gửi mã qua tin nhắn"], [2], "Mã OTP chỉ dành cho chính bạn; không ai có quyền hỏi mã này."),
        ("true-false", "Mật khẩu tốt nên dài, có chữ hoa, chữ thường và chữ số.", ["Đúng", "Sai"], [1], "Mật khẩu dài và đa dạng ký tự khó bị đoán hơn."),
        ("multiple", "Những việc nào giúp điện thoại an toàn hơn?", ["Cài mã khóa màn hình", "Cập nhật phần mềm", "Cài ứng dụng từ đường link lạ"], [1, 2], "Khóa màn hình và cập nhật giúp bảo vệ; ứng dụng từ link lạ có thể chứa mã độc."),
        ("ordering", "Sắp xếp các bước gọi video cho người thân.", ["Mở ứng dụng nhắn tin", "Chọn tên người thân", "Bấm nút gọi video"], [], "Mở ứng dụng, chọn người cần gọi, rồi bấm gọi video."),
        ("single", "Tin nhắn báo trúng thưởng và yêu cầu bấm vào đường link để nhận quà. Đó thường là gì?", ["Quà thật", "Lừa đảo", "Thông báo của Nhà nước"], [2], "Tin nhắn trúng thưởng kèm đường link lạ thường là lừa đảo."),
        ("true-false", "Nên dùng chung một mật khẩu cho mọi tài khoản.", ["Đúng", "Sai"], [2], "Mỗi tài khoản nên có mật khẩu riêng: lộ một mật khẩu không làm lộ tất cả."),
        ("single", "Wi-Fi công cộng không cần mật khẩu có an toàn để chuyển tiền không?", ["An toàn", "Không an toàn, nên dùng mạng di động", "Chỉ an toàn buổi sáng"], [2], "Mạng Wi-Fi công cộng có thể bị nghe lén; giao dịch tiền nên dùng mạng di động."),
        ("multiple", "Thông tin nào không nên đăng công khai lên mạng xã hội?", ["Số định danh cá nhân", "Ảnh phong cảnh", "Mã OTP"], [1, 3], "Số định danh và mã OTP là thông tin cần giữ kín."),
        ("single", "Khi quên mật khẩu tài khoản, cách đúng là gì?", ["Dùng chức năng “Quên mật khẩu” của ứng dụng", "Nhờ người lạ lấy lại", "Tạo tài khoản mới bằng số định danh của người khác"], [1], "Chức năng “Quên mật khẩu” của chính ứng dụng là cách an toàn."),
        ("true-false", "Có thể xem lại bài học kỹ năng số trên điện thoại khi không có mạng nếu đã tải về.", ["Đúng", "Sai"], [1], "Bài học đã tải về vẫn đọc được khi không có mạng."),
        ("single", "Biểu tượng ổ khóa trên thanh địa chỉ trình duyệt cho biết điều gì?", ["Kết nối được mã hóa", "Trang web chắc chắn đáng tin", "Điện thoại bị khóa"], [1], "Ổ khóa cho biết kết nối được mã hóa; vẫn cần xem kỹ tên trang web."),
        ("ordering", "Sắp xếp các bước khi nghi ngờ bị lừa đảo qua điện thoại.", ["Dừng cuộc gọi", "Không chuyển tiền", "Báo cho người thân hoặc công an"], [], "Dừng lại, không chuyển tiền, rồi báo cho người tin cậy hoặc công an."),
    ];

    public async Task SeedAsync(Unit province, CancellationToken ct)
    {
        var now = clock.UtcNow();
        var contest = await db.Set<Contest>().Include(c => c.Rounds).FirstOrDefaultAsync(c => c.OrganiserUnitId == province.Id && c.Title == Title, ct);
        if (contest is null)
        {
            contest = new Contest
            {
                Title = Title, OrganiserUnitId = province.Id, OrganiserUnitPath = province.Path, Audience = ContestAudience.Everyone, QuestionsPerEntry = 8, Minutes = 10,
                Description = "Cuộc thi minh họa trên nền tảng: câu hỏi về sử dụng điện thoại an toàn, không phải đề thi chính thức.",
                PredictionQuestion = "Theo bạn, bao nhiêu người sẽ tham gia vòng thi này?", Illustrative = true, PoolVersion = 1, CreatedAt = now,
            };
            db.Add(contest);
            await db.SaveChangesAsync(ct);
            var number = 0;
            foreach (var q in Questions)
            {
                number++;
                var ids = q.Type == QuestionTypes.TrueFalse ? new[] { "true", "false" } : ["a", "b", "c", "d"];
                db.Add(new ContestQuestion
                {
                    ContestId = contest.Id, Slug = "minh-hoa-" + number.ToString("00", System.Globalization.CultureInfo.InvariantCulture), Type = q.Type, Competency = "4.1",
                    Text = new Variants { [Variants.Vietnamese] = q.Text }, Explanation = new Variants { [Variants.Vietnamese] = q.Explanation },
                    Options = q.Options.Select((text, i) => new QuestionOption { Id = ids[i], Text = new Variants { [Variants.Vietnamese] = text }, Correct = q.Correct.Contains(i + 1) }).ToList(),
                });
            }
        }

        // Weekly rounds around the moment the demo is built: last week's closed, this week's open, next week's upcoming.
        var times = new[] { (now.AddDays(-8), now.AddDays(-1)), (now.AddHours(-1), now.AddDays(6)), (now.AddDays(7), now.AddDays(14)) };
        var withEntries = await db.Set<ContestEntry>().Where(e => contest.Rounds.Select(r => r.Id).Contains(e.RoundId)).Select(e => e.RoundId).Distinct().ToListAsync(ct);
        if (withEntries.Count == 0)
        {
            for (var i = 0; i < times.Length; i++)
            {
                var round = contest.Rounds.FirstOrDefault(r => r.Number == i + 1);
                if (round is null)
                {
                    round = new ContestRound { Number = i + 1 };
                    contest.Rounds.Add(round);
                }

                (round.OpensAt, round.ClosesAt) = times[i];
            }

            contest.PoolVersion++;
        }

        // The demo learners of Ea Trang with a recorded number are treated as signed in with VNeID (sandbox).
        var learners = await db.Users.Where(u => u.UserName!.EndsWith(".eatrang") && u.UserName.StartsWith("hocvien")).Select(u => u.Id).ToListAsync(ct);
        await db.PersonIdentities.Where(p => learners.Contains(p.UserId) && p.VneidVerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.VneidVerifiedAt, now), ct);
        await db.SaveChangesAsync(ct);
    }
}
