package eu.aiact.tracker.query.review;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code GET /api/admin/provision-references} (administrators): every stored classification basis whose reference maps to no provision
 * of the catalogue, with the nearest provisions, so that the organisations can be asked to classify those systems again.
 */
@RestController
public class BasesToReviewController {

    private final BasesToReview bases;

    public BasesToReviewController(BasesToReview bases) {
        this.bases = bases;
    }

    @GetMapping("/api/admin/provision-references")
    public List<BasesToReview.BasisToReview> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return bases.list(limit, offset);
    }
}
