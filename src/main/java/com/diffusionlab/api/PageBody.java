package com.diffusionlab.api;

import java.util.List;
import org.springframework.data.domain.Page;

/** One page of a result list. */
record PageBody<T>(List<T> content, int page, int size, long totalElements, int totalPages) {
  static <T> PageBody<T> of(Page<T> page) {
    return new PageBody<>(
        page.getContent(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements(),
        page.getTotalPages());
  }
}
