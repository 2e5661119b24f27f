package eu.aiact.tracker.webapp.imports;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The inventory import: upload a CSV or XLSX file, see the dry run's problems as a table (row, column, value, message), then import it.
 * The file is kept in the server-side session between the dry run and the import, so that exactly the checked file is imported.
 */
@Controller
public class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PENDING = "tracker.import.pending";

    /** An uploaded file waiting for its import. */
    record Pending(String id, String filename, String contentType, byte[] content) implements Serializable {
    }

    private final Backend backend;

    public ImportController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/imports")
    String form() {
        return "import";
    }

    @PostMapping("/imports")
    String dryRun(@RequestParam("file") MultipartFile file, HttpSession session, Model model, HttpServletResponse response)
            throws IOException {
        if (file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("fileError", true);
            return "import";
        }
        String name = file.getOriginalFilename() == null ? "inventory" : file.getOriginalFilename();
        String type = name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx") ? XLSX : "text/csv";
        Pending pending = new Pending(UUID.randomUUID().toString(), name, type, file.getBytes());
        Map<String, Object> report = backend.postFile(Service.IMPORT, "/api/imports", Map.of("dryRun", true), pending.content(), type);
        session.setAttribute(PENDING, pending);
        model.addAttribute("pending", pending);
        model.addAttribute("report", report);
        return "import";
    }

    @PostMapping("/imports/run")
    String run(@RequestParam String id, HttpSession session, Model model, HttpServletResponse response) {
        Object stored = session.getAttribute(PENDING);
        if (!(stored instanceof Pending pending) || !pending.id().equals(id)) {
            response.setStatus(409);
            model.addAttribute("expired", true);
            return "import";
        }
        model.addAttribute("pending", pending);
        try {
            Map<String, Object> result = backend.postFile(Service.IMPORT, "/api/imports", Map.of(), pending.content(), pending.contentType());
            session.removeAttribute(PENDING);
            model.addAttribute("result", result);
        } catch (BackendProblem problem) {
            response.setStatus(problem.status() >= 500 ? 502 : problem.status());
            model.addAttribute("problem", problem);
            model.addAttribute("problems", problem.problem().get("errors") instanceof List<?> list ? list : List.of());
            model.addAttribute("failed", problem.problem().get("failed") instanceof List<?> list ? list : List.of());
        }
        return "import";
    }
}
